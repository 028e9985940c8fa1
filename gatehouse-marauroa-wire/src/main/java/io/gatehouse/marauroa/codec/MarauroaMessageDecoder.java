package io.gatehouse.marauroa.codec;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.game.RPClasses;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * The stage after the frame decoder: each frame becomes an {@link Envelope}, or an
 * {@link Undecodable} that says why it could not, so that the connection's state machine gets
 * values, never a decoding exception. Pure: no I/O, no clock.
 */
public final class MarauroaMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** A frame that is not a message this server reads. */
    public sealed interface Undecodable {
    }

    /** A protocol version outside the accepted range: Marauroa answers S2C_INVALIDMESSAGE in that version. */
    public record UnsupportedVersion(int version, String detail) implements Undecodable {
    }

    /** Bytes that do not read as a message (unknown type, short, bad field): Marauroa ignores them. */
    public record Unreadable(String detail) implements Undecodable {
    }

    private final RPClasses classes;

    public MarauroaMessageDecoder(RPClasses classes) {
        super(ByteBuf.class);
        this.classes = classes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(read(frame, classes));
    }

    /** One frame read: an {@link Envelope} or an {@link Undecodable}. */
    public static Object read(ByteBuf frame, RPClasses classes) {
        try {
            return MarauroaCodec.decode(frame, classes);
        } catch (UnsupportedVersionException e) {
            return new UnsupportedVersion(e.version(), e.getMessage());
        } catch (MarauroaFormatException e) {
            return new Unreadable(e.getMessage());
        }
    }
}
