package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.eventlog.EventSender;
import io.gatehouse.astron.md.Datagram;
import io.gatehouse.astron.md.MessageDirector;
import io.gatehouse.astron.message.ClientAgentMessageType;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.core.bus.LocalBus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.RecordingSessions;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.core.transport.MeteredChannel;
import io.gatehouse.core.transport.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Client Agent's client side on arbitrary bytes (docs/protocol/astron.md, sections 7 and
 * 11): its frame decoder and the client's state machine, on the DC classes of game.dc, in the
 * fragments the input's first byte chooses (its low six bits: 1 to 64 bytes), NEW or, with bit
 * 6 set, ESTABLISHED by the game first. What must hold: the agent answers only with
 * CLIENT_HELLO_RESP, CLIENT_DONE_INTEREST_RESP and at most one CLIENT_EJECT, which is the last
 * thing it sends and closes the connection (a connection still open has sent none); every
 * frame's length tag is its length; no input ends as a server error (an exception that escaped
 * the state machine); every buffer fed is released.
 */
class ClientDatagramFuzzTest {

    /** The one channel of the agent's range: every input's client gets it. */
    private static final long CHANNEL = 100_000;
    private static final long HASH = 0x5EED5EEDL;
    private static final int MAX_DATAGRAM = 1024;
    private static final Set<Integer> ANSWERS = Set.of(ClientMessageType.HELLO_RESP.id(), ClientMessageType.EJECT.id(), ClientMessageType.DONE_INTEREST_RESP.id());

    private static final MessageDirector MD = new MessageDirector(new LocalBus());
    private static final ClientAgent AGENT = agent();

    private static ClientAgent agent() {
        DcFile dc;
        try (InputStream in = ClientDatagramFuzzTest.class.getResourceAsStream("/dc/game.dc")) {
            dc = DcParser.parse("game.dc", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClientAgentConfig d = ClientAgentConfig.defaults();
        ClientAgentConfig config = new ClientAgentConfig(new HostPort("127.0.0.1", 0), null, "/", "fuzz", HASH, CHANNEL, CHANNEL,
                Duration.ZERO, true, InterestPolicy.ENABLED, MAX_DATAGRAM, d.interestTimeout(), d.maxOutboundBytes(), false, null,
                d.helloTimeout(), d.anonymousTimeout());
        try {
            return new ClientAgent(MD, dc, config, List.of(new Uberdog(4665, "GameManager", true), new Uberdog(4666, "DistributedHero", false)),
                    FrontMetrics.discarding("astron"), new ManualScheduler(), new RecordingSessions(), Transports.group("fuzz-ca", 1),
                    EventSender.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void datagrams(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int fragment = 1 + (input[0] & 0x3F);
        boolean established = (input[0] & 0x40) != 0;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        EmbeddedChannel ch = new EmbeddedChannel(new ClientFrameDecoder(MAX_DATAGRAM), new MeteredChannel(new FrontMetrics(meters, "astron")),
                new ClientConnection(AGENT, f -> f));
        if (established) {
            // as a game server would: CLIENTAGENT_SET_STATE 2 to the client's channel, handed to its thread
            MD.route(null, Datagram.to(CHANNEL, 1, ClientAgentMessageType.SET_STATE.id()).u16(2).build());
            MD.drain(10_000);
            ch.runPendingTasks();
        }
        List<ByteBuf> fed = new ArrayList<>();
        for (int at = 1; at < input.length && ch.isOpen(); at += fragment) {
            ByteBuf b = Unpooled.wrappedBuffer(Arrays.copyOfRange(input, at, Math.min(input.length, at + fragment)));
            fed.add(b);
            ch.writeInbound(b);
        }
        ch.runPendingTasks();
        boolean open = ch.isOpen();

        boolean ejected = false;
        for (ByteBuf f; (f = ch.readOutbound()) != null; ) {
            try {
                assertThat(ejected).as("nothing after CLIENT_EJECT").isFalse();
                assertThat(f.getUnsignedShortLE(0)).as("the length tag").isEqualTo(f.readableBytes() - 2);
                int type = f.getUnsignedShortLE(2);
                assertThat(ANSWERS).as("message type").contains(type);
                ejected = type == ClientMessageType.EJECT.id();
            } finally {
                f.release();
            }
        }
        if (ejected) {
            assertThat(open).as("an eject closes the connection").isFalse();
        }
        ch.finishAndReleaseAll();
        MD.drain(10_000);
        assertThat(meters.get("gatehouse.closes").tag("reason", "server_error").counter().count()).as("no server error").isZero();
        for (int i = 0; i < fed.size(); i++) {
            assertThat(fed.get(i).refCnt()).as("fragment %d of %d released", i, fed.size()).isZero();
        }
    }
}
