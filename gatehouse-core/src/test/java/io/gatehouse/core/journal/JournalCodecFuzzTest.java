package io.gatehouse.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * The journal's decoder on arbitrary bytes (a damaged file), seeded with two whole frames: it
 * returns the whole frames at the start and how many bytes they take, never more than it was
 * given, and never throws; every frame it returns encodes to a frame that decodes back to it.
 */
class JournalCodecFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void frames(byte[] bytes) {
        JournalCodec.Decoded d = JournalCodec.decode(ByteBuffer.wrap(bytes));
        assertThat(d.wholeBytes()).isBetween(0, bytes.length);
        for (JournalFrame f : d.frames()) {
            assertThat(JournalCodec.decode(ByteBuffer.wrap(JournalCodec.encode(f))).frames()).containsExactly(f);
        }
    }
}
