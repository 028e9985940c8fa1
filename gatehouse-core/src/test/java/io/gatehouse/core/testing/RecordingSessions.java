package io.gatehouse.core.testing;

import io.gatehouse.core.session.Connection;
import io.gatehouse.core.session.SessionDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session directory that only remembers what a front told it, for a front's unit tests; the
 * server's tests use the core's real registry.
 */
public final class RecordingSessions implements SessionDirectory {

    /** A session as attached: its connection and the account it was given last. */
    public record Attached(Connection connection, Long accountId, String account) {
    }

    private final Map<Connection, Attached> live = new LinkedHashMap<>();
    private int next;

    @Override
    public synchronized String attach(Connection connection, Long accountId, String account) {
        live.put(connection, new Attached(connection, accountId, account));
        return "s" + ++next;
    }

    @Override
    public synchronized void identify(Connection connection, Long accountId, String account) {
        live.computeIfPresent(connection, (c, a) -> new Attached(c, accountId, account));
    }

    @Override
    public synchronized void release(Connection connection) {
        live.remove(connection);
    }

    /** The sessions attached and not released, in order. */
    public synchronized List<Attached> live() {
        return List.copyOf(live.values());
    }
}
