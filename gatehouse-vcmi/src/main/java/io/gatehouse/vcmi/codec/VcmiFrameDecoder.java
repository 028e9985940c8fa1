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
 * pass through as the buffers they arrived in.
 */
public final class VcmiFrameDecoder extends ByteToMessageDecoder {

    public static final int DEFAULT_MAX_PACKET_BYTES = 1024 * 1024;
    private static final byte[] PIPE_MARK = "Aiya!".getBytes(StandardCharsets.US_ASCII);

    private enum State { FIRST, LOBBY, PIPE_HANDSHAKE, PIPE_FLAG, FAILED }

    private final int maxPacketBytes;
    private final PipeHandshakeReader pipe = new PipeHandshakeReader();
    private final ByteArrayOutputStream handshakeBytes = new ByteArrayOutputStream();
    private State state = State.FIRST;

    public VcmiFrameDecoder(int maxPacketBytes) {
        if (maxPacketBytes <= 0) {
            throw new IllegalArgumentException("maxPacketBytes " + maxPacketBytes + " (must be positive)");
        }
        this.maxPacketBytes = maxPacketBytes;
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
                        fail(out, "zero-length packet (the end of the connection)");
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
            }
        }
        if (state == State.LOBBY) {
            out.add(new LobbyPacket(packet));
            return;
        }
        handshakeBytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(packet.length).array());
        handshakeBytes.writeBytes(packet);
        PipeHandshakeReader.Step step = pipe.accept(packet);
        if (step == PipeHandshakeReader.Step.BAD_TEXT) {
            fail(out, "pipe handshake packet is not UTF-8");
        } else if (step == PipeHandshakeReader.Step.DONE) {
            state = State.PIPE_FLAG;
        }
    }

    /** The next packet's bytes, or null when it has not fully arrived (or the stream failed). */
    private byte[] readPacket(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return null;
        }
        long length = in.getUnsignedIntLE(in.readerIndex());
        if (length > maxPacketBytes) {
            fail(out, "packet of " + length + " bytes (max " + maxPacketBytes + ")");
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

    private void fail(List<Object> out, String detail) {
        state = State.FAILED;
        out.add(new VcmiDecodeFailure(detail));
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
