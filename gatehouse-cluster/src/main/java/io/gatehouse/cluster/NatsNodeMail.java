package io.gatehouse.cluster;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.cluster.NodeMail;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link NodeMail} on NATS: a box of a node is the subject {@code PREFIX.mail.<node>.<box>}
 * (node and box in URL-safe base64), outside the {@code PREFIX.t.} subjects of the bus's topics,
 * so no front's client reaches it. Payloads are handed out on this connection's one dispatcher
 * thread, in the order the NATS server delivers them (one publisher's keep its order). Opening
 * a box waits until the NATS server has confirmed the subscription; closing it once the mail is
 * closed changes nothing.
 */
public final class NatsNodeMail implements NodeMail, AutoCloseable {

    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final Connection nats;
    private final String prefix;
    private final String self;

    /** Mail of node {@code self} on {@code nats}, which it owns from now on and closes. */
    public NatsNodeMail(Connection nats, String prefix, String self) {
        this.nats = nats;
        this.prefix = prefix + ".mail.";
        this.self = self;
    }

    @Override
    public void send(String node, String box, byte[] payload) {
        nats.publish(subject(node, box), payload);
    }

    @Override
    public int maxPayloadBytes() {
        long max = nats.getMaxPayload();
        return max <= 0 || max > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) max;
    }

    @Override
    public Bus.Subscription open(String box, Consumer<byte[]> taker) {
        Dispatcher dispatcher = nats.createDispatcher(m -> taker.accept(m.getData()));
        dispatcher.subscribe(subject(self, box));
        try {
            nats.flush(FLUSH_WAIT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("NATS did not confirm box " + box + " within " + FLUSH_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while NATS confirmed box " + box, e);
        }
        return () -> {
            if (nats.getStatus() != Connection.Status.CLOSED) {
                nats.closeDispatcher(dispatcher);
            }
        };
    }

    private String subject(String node, String box) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return prefix + b64.encodeToString(node.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(box.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        nats.close();
    }
}
