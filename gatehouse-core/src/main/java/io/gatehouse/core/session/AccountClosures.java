package io.gatehouse.core.session;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an account's live connections on every node (a ban, say): on this node at once
 * through its registry, and on the others through the bus topic {@value #TOPIC}, which every
 * node's closures subscribe to. On a node alone the bus is its own and the message comes back
 * to this node only, which ignores it.
 *
 * <p>The message is text: this node's token, the account id, the close reason's name and the
 * detail, separated by newlines. A message that does not read so is logged and dropped.
 */
public final class AccountClosures implements AutoCloseable {

    public static final String TOPIC = "gatehouse.sessions.close-account";
    private static final Logger log = LoggerFactory.getLogger(AccountClosures.class);

    private final Bus bus;
    private final SessionRegistry sessions;
    private final String node = Secrets.randomHex(8);
    private final Bus.Subscription subscription;

    public AccountClosures(Bus bus, SessionRegistry sessions) {
        this.bus = bus;
        this.sessions = sessions;
        this.subscription = bus.subscribe(TOPIC, this::onMessage);
    }

    /**
     * Closes the account's connections here and asks every other node to close theirs; the
     * answer counts this node's (the others' close on their own, without answering).
     */
    public CompletableFuture<Integer> close(long accountId, CloseReason reason, String detail) {
        String text = node + "\n" + accountId + "\n" + reason.name() + "\n" + detail;
        bus.publish(new BusMessage(TOPIC, BusMessage.ContentType.UNKNOWN, text.getBytes(StandardCharsets.UTF_8)));
        return sessions.closeAccount(accountId, reason, detail);
    }

    private void onMessage(BusMessage m) {
        String[] parts = new String(m.payload(), StandardCharsets.UTF_8).split("\n", 4);
        if (parts.length == 4 && parts[0].equals(node)) {
            return;
        }
        try {
            if (parts.length != 4) {
                throw new IllegalArgumentException(parts.length + " lines");
            }
            sessions.closeAccount(Long.parseLong(parts[1]), CloseReason.valueOf(parts[2]), parts[3]);
        } catch (IllegalArgumentException e) {
            log.warn("a request to close an account's connections did not read ({}); dropped", e.getMessage());
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
