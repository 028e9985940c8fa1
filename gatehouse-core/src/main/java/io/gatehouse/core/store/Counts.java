package io.gatehouse.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Counting rows: one {@code SELECT count(*) ...} with its parameters bound in order. */
public final class Counts {

    private Counts() {
    }

    /** Runs {@code sql} (a count query) with {@code params} (String, Long or Integer) bound in order. */
    public static int count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof String s) {
                    ps.setString(i + 1, s);
                } else if (p instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (p instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    throw new IllegalArgumentException("cannot bind " + (p == null ? "null" : p.getClass().getSimpleName()));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
