package io.gatehouse.bench.soak;

import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.AuthResponse;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One control player's visit: a token from the HTTP API, connect (TCP and WebSocket in turn),
 * auth, subscribe, publish and get the push back, a heartbeat, unsubscribe, leave; then
 * resume the session on a new TCP connection with reconnect, one heartbeat, leave.
 */
final class ControlChurn implements PlayerCycle {

    static final String ACCOUNT = "soak-churn";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServerProcess server;
    private final EventLoopGroup group;
    private final Tally tally;

    ControlChurn(ServerProcess server, EventLoopGroup group, Tally tally) {
        this.server = server;
        this.group = group;
        this.tally = tally;
    }

    @Override
    public void run(long n, InetSocketAddress local) throws Exception {
        String token = Tokens.issue(server, ACCOUNT);
        String topic = "soak-churn-" + n % 16;
        String session;
        ControlClient first = n % 2 == 0 ? ControlClient.tcp(server.control(), local, group, true)
                : ControlClient.webSocket(ControlClient.webSocketUri(server.controlWebSocket(), "/v2"), local, group);
        tally.connected();
        try (ControlClient c = first.timeout(TIMEOUT)) {
            AuthResponse auth = c.auth(token);
            session = auth.sessionId();
            c.subscribe(topic);
            if (c.publish(topic, new byte[64]).delivered() < 1) {
                throw new IllegalStateException("a publish to its own topic reached nobody");
            }
            c.nextNotification();
            c.heartbeat();
            c.unsubscribe(topic);
        }
        tally.connected();
        try (ControlClient c = ControlClient.tcp(server.control(), local, group, true).timeout(TIMEOUT)) {
            c.reconnect(session);
            c.heartbeat();
        }
    }
}
