package io.gatehouse.cluster;

import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.bus.BusContract;
import io.gatehouse.core.testing.NatsServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bus contract on NATS: one node's bus on a real nats-server. */
class NatsBusTest extends BusContract {

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
    protected Bus newBus() {
        try {
            return new NatsBus(NatsConnections.connect(List.of(server.url()), "contract"), "gh-test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void release(Bus bus) {
        ((NatsBus) bus).close();
    }
}
