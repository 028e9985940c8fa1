package io.gatehouse.astron.eventlog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Packs a {@link LoggedEvent} as astrond's roles pack theirs (docs/protocol/astron.md, section
 * 14.2): a fixmap (map16 from 16 entries), each key and value a fixstr (str16 from 32 bytes;
 * astrond never writes str8). No I/O; shared.
 */
public final class EventEncoder {

    /** Most bytes a string may have in one event: str16's limit. */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    private EventEncoder() {
    }

    /** The event's packet; a string past {@link #MAX_STRING_BYTES} is cut there (a UDP packet holds no more anyway). */
    public static byte[] encode(LoggedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int size = event.fields().size();
        if (size < 16) {
            out.write(0x80 + size);
        } else {
            out.write(0xde);
            out.write(size >> 8 & 0xFF);
            out.write(size & 0xFF);
        }
        for (LoggedEvent.Field f : event.fields()) {
            string(out, f.key());
            string(out, f.value());
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, MAX_STRING_BYTES);
        if (n < 32) {
            out.write(0xa0 + n);
        } else {
            out.write(0xda);
            out.write(n >> 8 & 0xFF);
            out.write(n & 0xFF);
        }
        out.write(b, 0, n);
    }
}
