package io.gatehouse.astron.clientagent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Little-endian bytes for test messages. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes le() {
        return new Bytes();
    }

    Bytes u8(int v) {
        out.write(v);
        return this;
    }

    Bytes u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    Bytes u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> 8 * i));
        }
        return this;
    }

    Bytes u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> 8 * i));
        }
        return this;
    }

    Bytes string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u16(b.length);
        out.writeBytes(b);
        return this;
    }

    Bytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] array() {
        return out.toByteArray();
    }

    String hex() {
        return HexFormat.of().formatHex(array());
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
