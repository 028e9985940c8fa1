package io.gatehouse.bench.soak;

import io.gatehouse.bench.soak.BadBytes.Kind;
import io.gatehouse.marauroa.codec.MarauroaCodec;
import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.message.MarauroaMessage.KeepAlive;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The bad inputs thrown at each listener: random garbage everywhere, and for each protocol
 * a truncated frame (a length promising more than is sent, then silence), an oversized length,
 * and one input its front is known to find hard.
 */
final class BadPayloads {

    private static final byte[] CONTROL_HANDSHAKE = {0x11, 0x09};
    private static final String WS_UPGRADE = "GET /v2?version=1&codec=1&platform=9 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";

    private final Random random;

    BadPayloads(long seed) {
        this.random = new Random(seed);
    }

    private Kind garbage() {
        return new Kind("random garbage", () -> {
            byte[] b = new byte[1 + random.nextInt(3000)];
            random.nextBytes(b);
            return b;
        });
    }

    private static Kind fixed(String name, byte[] bytes) {
        return new Kind(name, () -> bytes);
    }

    List<Kind> controlTcp() {
        return List.of(garbage(),
                fixed("bad handshake", concat(new byte[] {0x11, 0x7F}, new byte[32])),
                // a request (type 1, cmd 2, id, timeout) promising a 1000-byte body, 10 bytes of it sent
                fixed("truncated packet", concat(CONTROL_HANDSHAKE, new byte[] {1, 2, 0, 0, 0, 1, 0x13, (byte) 0x88, 0, 0x03, (byte) 0xE8},
                        new byte[10])),
                fixed("oversized body length", concat(CONTROL_HANDSHAKE,
                        new byte[] {1, 2, 0, 0, 0, 1, 0x13, (byte) 0x88, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[64])));
    }

    List<Kind> controlWebSocket() {
        byte[] upgrade = WS_UPGRADE.getBytes(StandardCharsets.US_ASCII);
        // binary frame, FIN, masked, 64-bit length 2^40, the mask, a few bytes
        byte[] hugeFrame = {(byte) 0x82, (byte) 0xFF, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9, 9};
        return List.of(garbage(),
                fixed("truncated upgrade", WS_UPGRADE.substring(0, 60).getBytes(StandardCharsets.US_ASCII)),
                fixed("oversized frame length", concat(upgrade, hugeFrame)),
                new Kind("garbage frames", () -> {
                    byte[] junk = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(junk);
                    return concat(upgrade, junk);
                }));
    }

    List<Kind> astronClientAgent() {
        ByteBuffer wrongHash = le(14).putShort((short) 12).putShort((short) 1).putInt(0xDEADBEEF).putShort((short) 4)
                .put("soak".getBytes(StandardCharsets.US_ASCII));
        return List.of(garbage(),
                fixed("truncated datagram", concat(new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[100])),
                fixed("hello with a wrong DC hash", wrongHash.array()),
                fixed("unknown message before hello", new byte[] {2, 0, (byte) 0xFF, (byte) 0xFF}));
    }

    List<Kind> messageDirector() {
        return List.of(garbage(),
                fixed("truncated datagram", concat(new byte[] {(byte) 0xFF, (byte) 0xFF}, new byte[50])),
                fixed("more recipients than bytes", new byte[] {4, 0, (byte) 0xFF, 1, 2, 3}));
    }

    List<Kind> marauroa() {
        ByteBuf keepAlive = MarauroaCodec.encode(new Envelope(MarauroaCodec.VERSION, -1, 0, new KeepAlive()),
                UnpooledByteBufAllocator.DEFAULT);
        byte[] one = ByteBufUtil.getBytes(keepAlive);
        keepAlive.release();
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            many.writeBytes(one);
        }
        return List.of(garbage(),
                fixed("oversized size", concat(le(4).putInt(0x7FFF_FFFF).array(), new byte[16])),
                fixed("truncated message", concat(le(4).putInt(1000).array(), new byte[20])),
                fixed("50 keep-alives before login", many.toByteArray()));
    }

    List<Kind> vcmi() {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        byte[] aiya = "Aiya!\n".getBytes(StandardCharsets.US_ASCII);
        pipe.writeBytes(le(4).putInt(aiya.length).array());
        pipe.writeBytes(aiya);
        for (int i = 0; i < 8; i++) {
            pipe.writeBytes(le(4).putInt(64 * 1024).array());
            pipe.writeBytes(new byte[64 * 1024]);
        }
        return List.of(garbage(),
                fixed("oversized length", concat(le(4).putInt(0xFFFF_FFFF).array(), new byte[16])),
                fixed("truncated packet", concat(le(4).putInt(100).array(), new byte[10])),
                fixed("pipe handshake without a role, 8 x 64 KiB packets", pipe.toByteArray()));
    }

    List<Kind> http() {
        String big = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n";
        return List.of(garbage(),
                fixed("bad request line", "\u0000\u0001NOPE / HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                fixed("64 KiB header", big.getBytes(StandardCharsets.US_ASCII)),
                fixed("truncated body", "POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        .concat("Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII)));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
