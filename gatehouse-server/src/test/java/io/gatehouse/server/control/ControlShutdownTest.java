package io.gatehouse.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.client.control.ClosedBy;
import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.message.CloseCode;
import io.gatehouse.server.TestServer;
import io.gatehouse.server.TestServer.Transport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the server (what SIGTERM's shutdown hook does) tells every client ServerShutdown first. */
class ControlShutdownTest {

    @Test
    void everyClientGetsServerShutdownBeforeTheSocketCloses() throws Exception {
        TestServer server = TestServer.start();
        ControlClient tcp = server.authed(Transport.TCP, "t");
        ControlClient ws = server.authed(Transport.WS, "w");
        ControlClient anonymous = server.connect(Transport.TCP);
        anonymous.heartbeat(new byte[0]);
        server.close();
        for (ControlClient c : new ControlClient[] {tcp, ws, anonymous}) {
            ClosedBy by = c.closed().get(10, TimeUnit.SECONDS);
            assertThat(by.close()).isNotNull();
            assertThat(by.close().code()).isEqualTo(CloseCode.SERVER_SHUTDOWN.wire());
        }
        assertThat(ws.closed().get().webSocketStatus()).isEqualTo(1001);
    }
}
