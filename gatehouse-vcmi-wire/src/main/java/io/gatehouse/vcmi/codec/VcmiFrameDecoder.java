package io.gatehouse.vcmi.codec;

import io.gatehouse.vcmi.message.LobbyPacket;
import io.gatehouse.vcmi.message.PipeHandshake;
import io.gatehouse.vcmi.message.PipeOpening;
import io.gatehouse.vcmi.message.VcmiDecodeFailure;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The vcmi byte stream (docs/protocol/vcmi.md sections 1, 2 and 4): little-endian
 * length-prefixed packets; the first decides lobby or pipe; a pipe's handshake packets are
 * gathered until its uuid, then one raw byte; then the decoder removes itself and raw bytes
 * pass through as the buffers they arrived in. A pipe's handshake is bounded in bytes and
 * packets: a packet that would take it past either limit fails the stream from its length
 * field, before its body is read.
 */
public final class VcmiFrameDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;
    /** Handshake bytes (packets with their length fields) a pipe may send before its uuid: VCMI sends about 100. */
    public static final int DEFAULT_MAX_HANDSHAKE_BYTES = 16 * 1024;
    /** Handshake packets a pipe may send before its uuid: VCMI sends 3. */
    public static final int DEFAULT_MAX_HANDSHAKE_PACKETS = 16;
    private static final byte[] PIPE_MARK = "Aiya!".getBytes(StandardCharsets.US_ASCII);

    private enum State { FIRST, LOBBY, PIPE_HANDSHAKE, PIPE_FLAG, FAILED }

    private final int maxPacketBytes;
    private final int maxHandshakeBytes;
    private final int maxHandshakePackets;
    private final PipeHandshakeReader pipe = new PipeHandshakeReader();
    private final ByteArrayOutputStream handshakeBytes = new ByteArrayOutputStream();
    private int handshakePackets;
    private State state = State.FIRST;

    public VcmiFrameDecoder(int maxPacketBytes) {
        this(maxPacketBytes, DEFAULT_MAX_HANDSHAKE_BYTES, DEFAULT_MAX_HANDSHAKE_PACKETS);
    }

    public VcmiFrameDecoder(int maxPacketBytes, int maxHandshakeBytes, int maxHandshakePackets) {
        positive("maxPacketBytes", maxPacketBytes);
        positive("maxHandshakeBytes", maxHandshakeBytes);
        positive("maxHandshakePackets", maxHandshakePackets);
        this.maxPacketBytes = maxPacketBytes;
        this.maxHandshakeBytes = maxHandshakeBytes;
        this.maxHandshakePackets = maxHandshakePackets;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " " + value + " (must be positive)");
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case FIRST, LOBBY, PIPE_HANDSHAKE -> {
                    byte[] packet = readPacket(in, out);
                    if (packet == null) {
                        return;
                    }
                    if (packet.length == 0) {
                        // The original reads an empty packet as the socket's end.
                        fail(out, VcmiDecodeFailure.Cause.MALFORMED, "zero-length packet (the end of the connection)");
                        return;
                    }
                    onPacket(packet, out);
                }
                case PIPE_FLAG -> {
                    handshakeBytes.write(in.readByte());
                    out.add(new PipeHandshake(pipe.role(), pipe.uuid(), handshakeBytes.toByteArray()));
                    // From here on bytes pass as they come: leave the pipeline, which hands
                    // what is left in the buffer on as it is.
                    ctx.pipeline().remove(this);
                    return;
                }
                case FAILED -> in.skipBytes(in.readableBytes());
            }
        }
    }

    private void onPacket(byte[] packet, List<Object> out) {
        if (state == State.FIRST) {
            state = contains(packet, PIPE_MARK) ? State.PIPE_HANDSHAKE : State.LOBBY;
            if (state == State.PIPE_HANDSHAKE) {
                out.add(new PipeOpening());
                if (4L + packet.length > maxHandshakeBytes) {
                    failHandshake(out, 4L + packet.length);
                    return;
                }
            }
        }
        if (state == State.LOBBY) {
            out.add(new LobbyPacket(packet));
            return;
        }
        handshakeBytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(packet.length).array());
        handshakeBytes.writeBytes(packet);
        handshakePackets++;
        PipeHandshakeReader.Step step = pipe.accept(packet);
        if (step == PipeHandshakeReader.Step.BAD_TEXT) {
            fail(out, VcmiDecodeFailure.Cause.MALFORMED, "pipe handshake packet is not UTF-8");
        } else if (step == PipeHandshakeReader.Step.DONE) {
            state = State.PIPE_FLAG;
        } else if (handshakePackets >= maxHandshakePackets) {
            fail(out, VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT, "pipe handshake of " + handshakePackets
                    + " packets with no " + (pipe.role().isEmpty() ? "role" : "uuid") + " (max " + maxHandshakePackets + ")");
        }
    }

    /** The next packet's bytes, or null when it has not fully arrived (or the stream failed). */
    private byte[] readPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long length = in.getUnsignedIntLE(in.readerIndex());
        if (length > maxPacketBytes) {
            fail(out, VcmiDecodeFailure.Cause.OVERSIZED, "packet of " + length + " bytes (max " + maxPacketBytes + ")");
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (state == State.PIPE_HANDSHAKE && handshakeBytes.size() + 4 + length > maxHandshakeBytes) {
            failHandshake(out, handshakeBytes.size() + 4 + length);
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() < 4 + length) {
            return null;
        }
        in.skipBytes(4);
        byte[] packet = new byte[(int) length];
        in.readBytes(packet);
        return packet;
    }

    private void failHandshake(List<Object> out, long bytes) {
        fail(out, VcmiDecodeFailure.Cause.HANDSHAKE_LIMIT, "pipe handshake of " + bytes + " bytes with no "
                + (pipe.role().isEmpty() ? "role" : "uuid") + " (max " + maxHandshakeBytes + ")");
    }

    private void fail(List<Object> out, VcmiDecodeFailure.Cause cause, String detail) {
        state = State.FAILED;
        out.add(new VcmiDecodeFailure(cause, detail));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
