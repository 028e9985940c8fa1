package io.gatehouse.server.http;

import io.gatehouse.core.transport.OpenSockets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * The HTTP API's connections counted in the process's {@code limits.max_connections}, as every
 * front's are: past the cap a connection is closed as it opens, before a byte of it is read, and
 * without an answer, so that a flood of HTTP connections cannot take the descriptors the fronts,
 * the store and NATS need. Added to the connector as a bean, so that it hears of every connection.
 */
final class CountedConnections implements Connection.Listener {

    private final OpenSockets sockets;
    /** The connections counted, each to be given back once; at most the cap's worth. */
    private final Set<Connection> counted = ConcurrentHashMap.newKeySet();

    CountedConnections(OpenSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public void onOpened(Connection connection) {
        if (sockets.admit()) {
            counted.add(connection);
        } else {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (counted.remove(connection)) {
            sockets.release();
        }
    }
}
