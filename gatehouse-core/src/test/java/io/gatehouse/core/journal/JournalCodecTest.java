package io.gatehouse.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.account.LoginEvent;
import io.gatehouse.core.account.LoginResult;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Frames read back as written, and a frame cut short or damaged anywhere ends what is read. */
class JournalCodecTest {

    static final JournalFrame FIRST = new JournalFrame(7, List.of(
            new JournalEntry.TokenSpent("a".repeat(64), 1_000L, 61_000L),
            new JournalEntry.SessionOpened("b".repeat(64), 42L, "control", 1_000L, 3_601_000L),
            new JournalEntry.LoginRecorded(new LoginEvent(42L, "ada", 1_000L, "127.0.0.1:5000", "control", LoginResult.SUCCESS))));
    static final JournalFrame SECOND = new JournalFrame(8, List.of(
            new JournalEntry.LoginRecorded(new LoginEvent(null, "-", 2_000L, "[::1]:6000", "control", LoginResult.BAD_TOKEN))));

    @Test
    void framesReadBackAsWritten() {
        byte[] bytes = concat(JournalCodec.encode(FIRST), JournalCodec.encode(SECOND));
        JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(bytes));
        assertThat(d.frames()).containsExactly(FIRST, SECOND);
        assertThat(d.wholeBytes()).isEqualTo(bytes.length);
    }

    @Test
    void theHeaderGivesTheBodysLengthAndChecksumBigEndian() {
        byte[] b = JournalCodec.encode(SECOND);
        ByteBuffer buf = ByteBuffer.wrap(b);
        assertThat(buf.getInt(0)).isEqualTo(b.length - JournalCodec.HEADER_BYTES);
        assertThat(buf.getLong(8)).as("the sequence number opens the body").isEqualTo(8);
        assertThat(buf.getInt(16)).as("then the entry count").isEqualTo(1);
        assertThat(b[20]).as("then the first entry's type").isEqualTo((byte) 3);
        assertThat(JournalCodec.encode(FIRST)[20]).as("a spend's type").isEqualTo((byte) 4);
    }

    @Test
    void aFrameCutShortAtAnyByteIsDroppedWithWhatFollowsIt() {
        byte[] first = JournalCodec.encode(FIRST);
        byte[] second = JournalCodec.encode(SECOND);
        for (int cut = 0; cut < second.length; cut++) {
            byte[] bytes = concat(first, Arrays.copyOf(second, cut));
            JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(bytes));
            assertThat(d.frames()).as("cut at %d", cut).containsExactly(FIRST);
            assertThat(d.wholeBytes()).isEqualTo(first.length);
        }
    }

    @Test
    void aDamagedByteAnywhereInAFrameEndsTheReadingThere() {
        byte[] first = JournalCodec.encode(FIRST);
        byte[] second = JournalCodec.encode(SECOND);
        for (int at = 0; at < second.length; at++) {
            byte[] bytes = concat(first, second);
            bytes[first.length + at] ^= 0x40;
            assertThat(JournalCodec.decode(ByteBuffer.wrap(bytes)).frames()).as("byte %d damaged", at).containsExactly(FIRST);
        }
    }

    @Test
    void aSpendTheFirstVersionWroteIsReadWithItsExpiryUnknown() {
        JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(firstVersionSpend(3, "c".repeat(64), 5_000L)));
        assertThat(d.frames()).containsExactly(new JournalFrame(3,
                List.of(new JournalEntry.TokenSpent("c".repeat(64), 5_000L, JournalEntry.TokenSpent.EXPIRY_UNKNOWN))));
    }

    /** A frame of one spend as the first version of the journal wrote it: entry type 1, hash and time, no expiry. */
    static byte[] firstVersionSpend(long seq, String hash, long atMillis) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeLong(seq);
            out.writeInt(1);
            out.writeByte(1);
            out.writeUTF(hash);
            out.writeLong(atMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(b);
        return ByteBuffer.allocate(JournalCodec.HEADER_BYTES + b.length).putInt(b.length).putInt((int) crc.getValue()).put(b).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
