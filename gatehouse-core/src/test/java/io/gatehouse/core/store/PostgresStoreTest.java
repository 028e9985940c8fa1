package io.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.testing.TestDatabases;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The same contract on a real PostgreSQL server (started by {@code ./gatehouse test}). */
class PostgresStoreTest extends StoreContract {

    private Database db;

    @Override
    protected AutoCloseable open(Consumer<Database> sink) {
        TestDatabases.ScopedDatabase scoped = TestDatabases.postgres();
        db = scoped.db();
        sink.accept(db);
        return scoped;
    }

    @Test
    void reallyRunsOnPostgres() {
        assertThat(db.productName()).isEqualTo("PostgreSQL");
    }
}
