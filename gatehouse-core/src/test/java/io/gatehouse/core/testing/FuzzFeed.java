package io.gatehouse.core.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds fuzzer bytes into a channel's pipeline the way a socket would: in fragments whose
 * sizes the fuzzer chooses, each one a buffer of its own. Afterwards {@link #assertAllReleased}
 * checks that the pipeline released every buffer it was given, input by input (cheaper and
 * more exact than waiting for the leak detector's report).
 */
public final class FuzzFeed {

    private final List<ByteBuf> fed = new ArrayList<>();
    private final ByteArrayOutputStream fedBytes = new ByteArrayOutputStream();

    /**
     * Writes the rest of {@code data} inbound, cut into fragments of 1 to {@code maxFragment}
     * bytes. Stops early once the channel closed itself.
     */
    public void writeFragments(EmbeddedChannel ch, FuzzedDataProvider data, int maxFragment) {
        while (data.remainingBytes() > 0 && ch.isOpen()) {
            int size = data.consumeInt(1, maxFragment);
            byte[] bytes = data.consumeBytes(size);
            if (bytes.length == 0) {
                return;
            }
            ByteBuf buf = Unpooled.buffer(bytes.length).writeBytes(bytes);
            fed.add(buf);
            fedBytes.writeBytes(bytes);
            ch.writeInbound(buf);
        }
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} inbound, as one buffer of its own, tracked like a fragment. */
    public void write(EmbeddedChannel ch, byte[] bytes, int offset, int length) {
        ByteBuf buf = Unpooled.buffer(length).writeBytes(bytes, offset, length);
        fed.add(buf);
        fedBytes.write(bytes, offset, length);
        ch.writeInbound(buf);
    }

    /** Every byte written so far, in order. */
    public byte[] fedBytes() {
        return fedBytes.toByteArray();
    }

    /** Fails when the pipeline kept a reference to any buffer fed so far. */
    public void assertAllReleased() {
        for (int i = 0; i < fed.size(); i++) {
            if (fed.get(i).refCnt() != 0) {
                throw new AssertionError("fragment " + i + " of " + fed.size() + " not released (refCnt "
                        + fed.get(i).refCnt() + ")");
            }
        }
    }
}
