package io.gatehouse.vcmi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gatehouse.core.session.CloseReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lobby link's byte layout: every message survives the trip, and bytes that are none decode to null, never an exception. */
class LinkCodecTest {

    private static final byte[] PACKET = "\u0005\u0000<GREETINGS>bob<VER>1.5.0".getBytes(StandardCharsets.UTF_8);

    private static final List<LinkMessage> EVERY = List.of(
            new LinkMessage.Open("node-b", 7, "127.0.0.1:5555"),
            new LinkMessage.Packet("node-b", 7, PACKET),
            new LinkMessage.Packet("node-b", 8, new byte[0]),
            new LinkMessage.Expired("node-b", 7),
            new LinkMessage.Closed("nöde", Long.MIN_VALUE),
            new LinkMessage.Written("node-b", 7, 1L << 40),
            new LinkMessage.Reply(7, ":>>USERS:1:bob".getBytes(StandardCharsets.UTF_8)),
            new LinkMessage.Handled(-1),
            new LinkMessage.Close(7, CloseReason.SLOW_CONSUMER),
            new LinkMessage.Refused(0));

    @Test
    void everyMessageDecodesToWhatWasEncoded() {
        for (LinkMessage m : EVERY) {
            LinkMessage back = LinkCodec.decode(LinkCodec.encode(m));
            assertThat(back).as("%s", m).usingRecursiveComparison().isEqualTo(m);
        }
    }

    @Test
    void everyCloseReasonTravels() {
        for (CloseReason r : CloseReason.values()) {
            assertThat(LinkCodec.decode(LinkCodec.encode(new LinkMessage.Close(3, r)))).isEqualTo(new LinkMessage.Close(3, r));
        }
    }

    @Test
    void aMessageCutShortOrWithBytesAfterItIsNone() {
        for (LinkMessage m : EVERY) {
            byte[] whole = LinkCodec.encode(m);
            boolean runsToTheEnd = m instanceof LinkMessage.Packet || m instanceof LinkMessage.Reply;
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatCode(() -> LinkCodec.decode(cut)).doesNotThrowAnyException();
                if (!runsToTheEnd) {
                    assertThat(LinkCodec.decode(cut)).as("%s cut to %d bytes", m, n).isNull();
                }
            }
            if (!runsToTheEnd) {
                assertThat(LinkCodec.decode(Arrays.copyOf(whole, whole.length + 1))).as("%s with a byte after it", m).isNull();
            }
        }
    }

    @Test
    void anUnknownTypeBadTextOrUnknownReasonIsNone() {
        assertThat(LinkCodec.decode(null)).isNull();
        assertThat(LinkCodec.decode(new byte[] {99, 0, 0})).isNull();
        byte[] badName = ByteBuffer.allocate(1 + 2 + 2 + 8).put((byte) 3).putShort((short) 2).put(new byte[] {(byte) 0xC3, 0x28})
                .putLong(1).array();
        assertThat(LinkCodec.decode(badName)).as("a node name that is not UTF-8").isNull();
        byte[] tag = "no_such_reason".getBytes(StandardCharsets.UTF_8);
        byte[] unknownReason = ByteBuffer.allocate(11 + tag.length).put((byte) 12).putLong(1).putShort((short) tag.length).put(tag).array();
        assertThat(LinkCodec.decode(unknownReason)).isNull();
        byte[] longerThanItself = ByteBuffer.allocate(1 + 2 + 8).put((byte) 4).putShort((short) 0xFFFF).putLong(1).array();
        assertThat(LinkCodec.decode(longerThanItself)).isNull();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            if (junk.length > 0 && random.nextBoolean()) {
                junk[0] = (byte) (1 + random.nextInt(13));
            }
            assertThatCode(() -> LinkCodec.decode(junk)).doesNotThrowAnyException();
        }
    }
}
