package io.gatehouse.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts the transactions a store commits, from outside it: {@link #url} is a JDBC URL that
 * reaches the real database behind it through a counting driver, so a store (or a whole
 * server) opened on it works as usual while {@link #commits} tells how many commits its
 * connections made. The store commits every unit of work it runs, reads too, so a commit is
 * one store transaction. Each counter counts only its own URL's connections.
 */
public final class CommitCounter {

    private static final String PREFIX = "jdbc:counted:";
    private static final Map<Integer, CommitCounter> COUNTERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String url;
    private final String real;
    private final AtomicLong commits = new AtomicLong();

    private CommitCounter(int id, String real) {
        this.url = PREFIX + id + ":" + real;
        this.real = real;
    }

    /** A counter over {@code realUrl} (any JDBC URL the real drivers take). */
    public static CommitCounter over(String realUrl) {
        int id = NEXT.incrementAndGet();
        CommitCounter c = new CommitCounter(id, realUrl);
        COUNTERS.put(id, c);
        return c;
    }

    /** The URL to open the store on. */
    public String url() {
        return url;
    }

    /** Commits made so far through {@link #url}'s connections. */
    public long commits() {
        return commits.get();
    }

    private Connection counting(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                        commits.incrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Hands a {@link #PREFIX} URL's connections, wrapped, to the counter it names. */
    private static final class CountingDriver implements Driver {

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            String rest = url.substring(PREFIX.length());
            int colon = rest.indexOf(':');
            CommitCounter counter = COUNTERS.get(Integer.parseInt(rest.substring(0, colon)));
            if (counter == null) {
                throw new SQLException("no commit counter for " + url);
            }
            return counter.counting(DriverManager.getConnection(counter.real, info));
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith(PREFIX);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no logger");
        }
    }
}
