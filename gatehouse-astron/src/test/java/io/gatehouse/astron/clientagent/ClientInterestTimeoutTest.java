package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.astron.md.MdLink;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An interest whose parent never answers finishes when {@code interest_timeout} runs out on
 * the agent's clock (docs/protocol/astron.md, section 11), not on the wall clock: the test
 * moves the clock an hour and waits for nothing.
 */
class ClientInterestTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofHours(1);
    /** No object has this id, so no GET_ZONES_COUNT_RESP ever comes. */
    private static final long SILENT_PARENT = 9999;

    private static ClientAgentConfig config() {
        ClientAgentConfig d = AstronCluster.config();
        return new ClientAgentConfig(new HostPort("127.0.0.1", 0), null, "/", AstronCluster.VERSION, 0, d.channelMin(), d.channelMax(),
                d.heartbeatTimeout(), false, d.interests(), d.maxDatagramSize(), TIMEOUT, d.maxOutboundBytes(), false, null,
                d.helloTimeout(), d.anonymousTimeout());
    }

    private static byte[] addInterest(long context, int id) {
        return Bytes.le().u16(ClientMessageType.ADD_INTEREST.id()).u32(context).u16(id).u32(SILENT_PARENT).u32(1).array();
    }

    private static String done(long context, int id) {
        return Bytes.le().u16(ClientMessageType.DONE_INTEREST_RESP.id()).u32(context).u16(id).hex();
    }

    @Test
    void anUnansweredInterestIsDoneWhenTheAgentsClockSaysSo() throws Exception {
        try (AstronCluster cluster = new AstronCluster(config());
                MdLink gs = cluster.gameServer(GameServerTestBase.GS, LOGIN);
                RawClient c = cluster.client()) {
            GameServerTestBase.establish(cluster, gs, c);
            long due = cluster.clock.nowMillis() + TIMEOUT.toMillis();
            c.send(addInterest(7, 1));
            await("the interest's time limit is on the agent's clock").until(() -> cluster.clock.dueTimes().contains(due));

            cluster.clock.advance(TIMEOUT.minusMillis(1));
            c.send(addInterest(8, 2));
            assertThat(Bytes.hex(c.receive())).as("a second interest on the same zone is done at once; the first is still open")
                    .isEqualTo(done(8, 2));

            cluster.clock.advance(Duration.ofMillis(1));
            assertThat(Bytes.hex(c.receive())).as("the first, forced by its timeout").isEqualTo(done(7, 1));
        }
    }
}
