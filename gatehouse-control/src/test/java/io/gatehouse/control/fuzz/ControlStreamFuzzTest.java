package io.gatehouse.control.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.control.codec.ControlFrameDecoder;
import io.gatehouse.control.codec.ControlPacketEncoder;
import io.gatehouse.control.message.ControlMessage;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.DecodeFailure;
import io.gatehouse.control.message.Handshake;
import io.gatehouse.core.testing.FuzzFeed;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The control front's TCP stream decoder (spec 3.1, 4.1, 5) on arbitrary bytes in arbitrary
 * fragments: it yields a handshake, packets and at most one {@link DecodeFailure}, last;
 * nothing else, no exception; it releases every buffer; and each packet it yields encodes
 * back to bytes that decode to the same packet.
 */
class ControlStreamFuzzTest {

    private static final int MAX_BODY = 4096;

    @FuzzTest(maxDuration = "5s")
    void stream(FuzzedDataProvider data) {
        boolean server = data.consumeBoolean();
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder(MAX_BODY, server));
        FuzzFeed feed = new FuzzFeed();
        feed.writeFragments(ch, data, 64);
        List<ControlMessage> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add((ControlMessage) m);
        }
        ch.finishAndReleaseAll();
        feed.assertAllReleased();

        for (int i = 0; i < out.size(); i++) {
            ControlMessage m = out.get(i);
            if (m instanceof Handshake) {
                assertThat(server && i == 0).as("a handshake only first, on the server side").isTrue();
            } else if (m instanceof DecodeFailure f) {
                assertThat(i).as("nothing after a decode failure").isEqualTo(out.size() - 1);
                assertThat(f.reason()).isNotNull();
                assertThat(f.detail()).isNotBlank();
            } else {
                ControlPacket p = (ControlPacket) m;
                assertThat(p.body().length).isLessThanOrEqualTo(MAX_BODY);
                assertRoundTrip(p);
                ControlBodiesProperties.check(p.body());
            }
        }
    }

    private static void assertRoundTrip(ControlPacket p) {
        ByteBuf wire = Unpooled.buffer();
        ControlPacketEncoder.PLAIN.write(p, wire);
        EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameDecoder(MAX_BODY, false));
        ch.writeInbound(wire);
        ControlPacket back = ch.readInbound();
        assertThat(ch.finishAndReleaseAll()).as("one packet back, nothing more").isFalse();
        assertThat(back).isNotNull();
        assertThat(back.getClass()).isEqualTo(p.getClass());
        assertThat(back.cmd()).isEqualTo(p.cmd());
        assertThat(back.body()).isEqualTo(p.body());
        if (p instanceof ControlPacket.Request r) {
            ControlPacket.Request b = (ControlPacket.Request) back;
            assertThat(b.requestId()).isEqualTo(r.requestId());
            assertThat(b.timeoutMillis()).isEqualTo(r.timeoutMillis());
        } else if (p instanceof ControlPacket.Response r) {
            ControlPacket.Response b = (ControlPacket.Response) back;
            assertThat(b.requestId()).isEqualTo(r.requestId());
            assertThat(b.status()).isEqualTo(r.status());
        }
    }
}
