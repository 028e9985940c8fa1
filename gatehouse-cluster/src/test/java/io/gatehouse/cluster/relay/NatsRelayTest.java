package io.gatehouse.cluster.relay;

import io.gatehouse.cluster.NatsConnections;
import io.gatehouse.core.relay.Relay;
import io.gatehouse.core.relay.RelayContract;
import io.gatehouse.core.testing.NatsServer;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cluster relay alone on one node keeps the relay contract, on a real nats-server. */
class NatsRelayTest extends RelayContract {

    private static NatsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = NatsServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Relay newRelay(Scheduler scheduler, Duration grace) {
        try {
            return new NatsRelay(NatsConnections.connect(List.of(server.url()), "relay-test"), "gh-relay", scheduler, grace,
                    Duration.ofSeconds(1), Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void release(Relay relay) {
        ((NatsRelay) relay).close();
    }
}
