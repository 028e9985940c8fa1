package io.gatehouse.core.testing;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.Argon2idHasher;
import io.gatehouse.core.account.PasswordHasher;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests: a private in-memory H2, or a private schema on the PostgreSQL server
 * that {@code ./gatehouse test} starts and names in {@code GATEHOUSE_TEST_POSTGRES_URL}.
 */
public final class TestDatabases {

    public static final String POSTGRES_ENV = "GATEHOUSE_TEST_POSTGRES_URL";
    /** Set by the test command: a missing PostgreSQL is then a failure, not a skip. */
    public static final String REQUIRE_ENV = "GATEHOUSE_REQUIRE_POSTGRES";

    private TestDatabases() {
    }

    /** Argon2id with toy costs: tests check behaviour, not hashing strength. */
    public static PasswordHasher fastHasher() {
        return new Argon2idHasher(64, 1, 1);
    }

    /** A fresh in-memory H2 database; close it to drop it. */
    public static Database h2() {
        return Database.open(new DatabaseSettings(h2Url(), null, null, 4));
    }

    /** The URL of a fresh in-memory H2 database, kept until its last connection closes. */
    public static String h2Url() {
        return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    /** A database on a fresh PostgreSQL schema, dropped again when the returned handle closes. */
    public static ScopedDatabase postgres() {
        PostgresSchema schema = postgresSchema();
        Database db = Database.open(new DatabaseSettings(schema.url(), null, null, 4));
        return new ScopedDatabase(db, schema::close);
    }

    /** A fresh PostgreSQL schema, for whole servers (several nodes may share it); dropped on close. */
    public static PostgresSchema postgresSchema() {
        String url = System.getenv(POSTGRES_ENV);
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                throw new AssertionError(POSTGRES_ENV + " is not set although the test command requires PostgreSQL");
            }
            Assumptions.abort(POSTGRES_ENV + " not set; run the suite with ./gatehouse test to include PostgreSQL");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        exec(url, "CREATE SCHEMA " + schema);
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new PostgresSchema(scoped, () -> exec(url, "DROP SCHEMA " + schema + " CASCADE"));
    }

    /** A JDBC URL on a schema of its own, and how to drop that schema. */
    public record PostgresSchema(String url, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    /** A database and what must happen after it is closed. */
    public record ScopedDatabase(Database db, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
            cleanup.run();
        }
    }

    public static AccountService accounts(Database db, ManualScheduler clock) {
        return new AccountService(db, fastHasher(), clock, Runnable::run);
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
