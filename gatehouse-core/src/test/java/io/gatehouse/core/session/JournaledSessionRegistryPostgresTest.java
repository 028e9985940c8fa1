package io.gatehouse.core.session;

import io.gatehouse.core.store.Database;
import java.util.function.Consumer;

/** The contract and the login journal's own promises over PostgreSQL (started by {@code ./gatehouse test}). */
class JournaledSessionRegistryPostgresTest extends JournaledSessionRegistryTest {

    @Override
    protected AutoCloseable openStore(Consumer<Database> sink) {
        return postgres(sink);
    }
}
