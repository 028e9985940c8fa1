package io.gatehouse.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The JDBC store: a connection pool over embedded H2 or PostgreSQL, migrated by Flyway on
 * open. Every unit of work runs in one transaction that is committed before the call
 * returns, so a write the server acknowledges is durable. It stays open until {@link #close()},
 * also while the JVM runs its shutdown hooks.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean h2;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.h2 = "H2".equals(productName());
    }

    /** Opens the pool and brings the schema to the newest migration. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(closedByUsOnly(settings.url()));
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("gatehouse-db");
        config.setAutoCommit(false);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * An H2 URL with H2's own JVM shutdown hook turned off ({@code DB_CLOSE_ON_EXIT=FALSE}),
     * unless the operator set that key: otherwise the hook closes the database while the
     * server's shutdown is still answering requests. The store closes last, when the server
     * closes the pool (H2 then closes the database with its last connection).
     */
    static String closedByUsOnly(String url) {
        boolean h2 = url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length());
        if (!h2 || url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Runs {@code work} in a transaction; commits on return, rolls back on any exception. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** True when a connection of the pool is valid within two seconds; false when the store fails (closed, unreachable). */
    public boolean answers() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True on H2, whose planner needs to be named the index of a few queries (it prefers a
     * foreign key's index that cannot give their order); PostgreSQL finds it alone.
     */
    public boolean isH2() {
        return h2;
    }

    /** The product name the driver reports (H2, PostgreSQL). */
    public String productName() {
        return inTransaction(c -> c.getMetaData().getDatabaseProductName());
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
