package io.gatehouse.marauroa.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.core.testing.FuzzFeed;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaFormatException;
import io.gatehouse.marauroa.game.RPClasses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;

/**
 * The marauroa frame decoder and message decoder (docs/protocol/marauroa.md sections 1 and 4)
 * on arbitrary bytes in arbitrary fragments, as the front's pipeline has them: a frame is too
 * long or corrupt (the decoder's failures), or each frame decodes to a message, an unsupported
 * version or a format error, nothing else; every buffer is released; and a decoded message
 * encodes to bytes that decode and encode to the same bytes again.
 */
class MarauroaStreamFuzzTest {

    private static final int MAX_MESSAGE = 4096;

    @FuzzTest(maxDuration = "5s")
    void stream(FuzzedDataProvider data) {
        List<Throwable> caught = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(MarauroaCodec.frameDecoder(MAX_MESSAGE), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(cause); // where the front's handler closes the connection
            }
        });
        FuzzFeed feed = new FuzzFeed();
        feed.writeFragments(ch, data, 64);
        for (Throwable t : caught) {
            assertThat(t).as("the frame decoder fails only with its own exceptions")
                    .isInstanceOfAny(TooLongFrameException.class, CorruptedFrameException.class);
        }
        RPClasses classes = new RPClasses();
        for (ByteBuf frame; (frame = ch.readInbound()) != null; ) {
            try {
                assertThat(frame.readableBytes()).isLessThanOrEqualTo(MAX_MESSAGE);
                assertRoundTrip(MarauroaCodec.decode(frame, classes), classes);
            } catch (MarauroaFormatException expected) { // UnsupportedVersionException too
                assertThat(expected.getMessage()).isNotBlank();
            } finally {
                frame.release();
            }
        }
        ch.finishAndReleaseAll();
        feed.assertAllReleased();
    }

    private static void assertRoundTrip(Envelope e, RPClasses classes) {
        byte[] first = encoded(e);
        ByteBuf again = ByteBufAllocator.DEFAULT.heapBuffer().writeBytes(first, 4, first.length - 4);
        try {
            Envelope back = MarauroaCodec.decode(again, classes);
            assertThat(back.message().type()).isEqualTo(e.message().type());
            assertThat(encoded(back)).as("encode, decode, encode gives the same bytes").isEqualTo(first);
        } finally {
            again.release();
        }
    }

    private static byte[] encoded(Envelope e) {
        ByteBuf b = MarauroaCodec.encode(e, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }
}
