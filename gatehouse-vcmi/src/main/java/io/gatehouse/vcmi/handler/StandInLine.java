package io.gatehouse.vcmi.handler;

import io.gatehouse.core.session.CloseReason;
import io.gatehouse.vcmi.link.LinkMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the lobby node, the line of a lobby connection held by another node: replies go to that
 * node over the bus, in the order the lobby wrote them. The connection's node reports how many
 * reply bytes it has handed to its socket ({@link LinkMessage.Written}); a connection with more
 * than {@code maxOutboundBytes} not yet so reported is a slow consumer, closed as the lobby
 * closes a local one whose socket does not drain (docs/protocol/vcmi.md section 9).
 */
final class StandInLine implements LobbyLine {

    private static final Logger log = LoggerFactory.getLogger(StandInLine.class);

    private final String node;
    private final long conn;
    private final String address;
    private final long maxOutboundBytes;
    private final Consumer<LinkMessage.ToMember> send;
    private final Runnable slow;
    /** Reply bytes sent (actor thread) and reported written by the connection's node (bus thread). */
    private long sent;
    private volatile long written;
    private CloseReason reason;
    private boolean closed;

    /**
     * The line of connection {@code conn} of {@code node}; {@code send} publishes to that node,
     * {@code slow} tells the lobby the connection went as a slow consumer.
     */
    StandInLine(String node, long conn, String address, long maxOutboundBytes, Consumer<LinkMessage.ToMember> send, Runnable slow) {
        this.node = node;
        this.conn = conn;
        this.address = address;
        this.maxOutboundBytes = maxOutboundBytes;
        this.send = send;
        this.slow = slow;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void write(byte[] bytes) {
        if (closed) {
            return;
        }
        sent += bytes.length;
        send.accept(new LinkMessage.Reply(conn, bytes));
        if (sent - written > maxOutboundBytes) {
            log.warn("[!] {} on node {} does not read what the lobby sends; closing it", address, node);
            closed = true;
            send.accept(new LinkMessage.Close(conn, CloseReason.SLOW_CONSUMER));
            slow.run();
        }
    }

    /** The connection's node handed {@code upTo} reply bytes to its socket. */
    void written(long upTo) {
        if (upTo > written) {
            written = upTo;
        }
    }

    @Override
    public void closing(CloseReason why) {
        if (reason == null) {
            reason = why;
        }
    }

    @Override
    public void closeAfterWrites() {
        if (closed) {
            return;
        }
        closed = true;
        send.accept(new LinkMessage.Close(conn, reason == null ? CloseReason.CLIENT_CLOSED : reason));
    }
}
