package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import org.junit.jupiter.api.Test;

/** The Client Agent's meters: connections, sessions (ESTABLISHED clients), packets and closes by reason. */
class ClientMetricsTest extends GameServerTestBase {

    private double gauge(String name) {
        return cluster.meters.get(name).tag("front", "astron").gauge().value();
    }

    private double closes(String reason) {
        return cluster.meters.get("gatehouse.closes").tag("front", "astron").tag("reason", reason).counter().count();
    }

    private double packets(String direction) {
        return cluster.meters.get("gatehouse.packets." + direction).tag("front", "astron").counter().count();
    }

    @Test
    void anEstablishedClientIsASessionUntilTheGameEjectsIt() throws Exception {
        try (RawClient c = cluster.client()) {
            long channel = establish(cluster, gs, c);
            await().until(() -> gauge("gatehouse.astron.established") == 1);
            assertThat(gauge("gatehouse.connections")).isEqualTo(1);
            assertThat(packets("in")).as("hello and the login update").isEqualTo(2);
            assertThat(packets("out")).as("the hello answer and the game's datagram").isEqualTo(2);

            send(gs, channel, GS, ClientAgentMessageType.EJECT.id(), Bytes.le().u16(154).string("Maintenance"));
            assertThat(c.expectEject(154)).isEqualTo("Maintenance");
        }
        await().until(() -> gauge("gatehouse.connections") == 0);
        assertThat(gauge("gatehouse.astron.established")).isZero();
        assertThat(closes("kicked")).isEqualTo(1);
    }

    @Test
    void ejectsOfTheClientAgentItselfAreCountedByWhatTheyMean() throws Exception {
        try (RawClient c = cluster.client()) {
            c.send(Bytes.le().u16(ClientMessageType.HEARTBEAT.id()).array());
            c.expectEject(EjectCode.NO_HELLO.code());
        }
        try (RawClient c = cluster.client()) {
            c.hello(cluster.ca.hash(), AstronCluster.VERSION);
            c.send(Bytes.le().u16(ClientMessageType.DISCONNECT.id()).array());
            assertThat(c.closedByServer()).isTrue();
        }
        await().until(() -> gauge("gatehouse.connections") == 0);
        assertThat(closes("bad_frame")).isEqualTo(1);
        assertThat(closes("client_closed")).isEqualTo(1);
        assertThat(gauge("gatehouse.astron.established")).as("neither was established").isZero();
    }
}
