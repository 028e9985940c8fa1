package io.gatehouse.core.store;

import java.sql.SQLException;

/** The store failed (database down, constraint broken unexpectedly). */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("store: " + cause.getMessage(), cause);
    }

    /** True when the cause is a unique-key violation (SQLState class 23505). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }
}
