package io.gatehouse.cluster;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a node's connection to NATS with the settings every cluster node uses.
 *
 * <ul>
 *   <li>The connection carries the node's name, so that NATS's monitoring shows who is who.</li>
 *   <li>It reconnects without end, every second; while it is away, at most
 *       {@link #RECONNECT_BUFFER_BYTES} of publishes wait, past which publishing fails.</li>
 *   <li>At most {@link #OUTGOING_MESSAGES} messages wait to be written; a publisher past that
 *       waits for room (NATS's default), so that a fast node slows rather than grows.</li>
 *   <li>Errors and slow-consumer reports (NATS dropping messages this node did not take in
 *       time) are logged at WARN, at most one line a second.</li>
 * </ul>
 */
public final class NatsConnections {

    private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);
    static final long RECONNECT_BUFFER_BYTES = 8L * 1024 * 1024;
    static final int OUTGOING_MESSAGES = 65_536;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private NatsConnections() {
    }

    /** Connects to the first of {@code servers} that answers; an IOException names them when none does. */
    public static Connection connect(List<String> servers, String node) throws IOException, InterruptedException {
        Options options = new Options.Builder()
                .servers(servers.toArray(String[]::new))
                .connectionName(node)
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofSeconds(1))
                .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                .maxMessagesInOutgoingQueue(OUTGOING_MESSAGES)
                .errorListener(new Warnings(node))
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new IOException("cannot reach NATS at " + String.join(", ", servers) + ": " + e.getMessage(), e);
        }
    }

    /** NATS's reports as WARN lines, one a second at most; the rest are counted into the next line. */
    private static final class Warnings implements ErrorListener {

        private final String node;
        private final AtomicLong lastLine = new AtomicLong();
        private final AtomicLong heldBack = new AtomicLong();

        Warnings(String node) {
            this.node = node;
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            warn("NATS error: " + error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            warn("NATS connection problem: " + exp);
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            warn("NATS dropped messages this node did not take in time (slow consumer)");
        }

        private void warn(String line) {
            long now = System.currentTimeMillis();
            long last = lastLine.get();
            if (now - last < 1000 || !lastLine.compareAndSet(last, now)) {
                heldBack.incrementAndGet();
                return;
            }
            long skipped = heldBack.getAndSet(0);
            log.warn("node {}: {}{}", node, line, skipped == 0 ? "" : " (" + skipped + " more reports left out)");
        }
    }
}
