package io.gatehouse.vcmi.link;

import io.gatehouse.core.session.CloseReason;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The byte layout of {@link LinkMessage}s: one type byte, then big-endian fields: a text is a
 * 2-byte length and its UTF-8 bytes, a number 8 bytes, a close reason a text (its tag); packet
 * and reply bytes run to the end of the payload. No I/O: a message is one bus payload.
 */
public final class LinkCodec {

    private static final byte OPEN = 1;
    private static final byte PACKET = 2;
    private static final byte EXPIRED = 3;
    private static final byte CLOSED = 4;
    private static final byte WRITTEN = 5;
    private static final byte REPLY = 10;
    private static final byte HANDLED = 11;
    private static final byte CLOSE = 12;
    private static final byte REFUSED = 13;
    /** Bytes of a PACKET besides its packet and its node's name. */
    public static final int PACKET_OVERHEAD = 1 + 2 + 8;
    /** Longest text field (node names, addresses, reason tags are far shorter). */
    static final int MAX_TEXT_BYTES = 0xFFFF;

    private LinkCodec() {
    }

    public static byte[] encode(LinkMessage m) {
        if (m instanceof LinkMessage.Open o) {
            byte[] address = text(o.address());
            return head(OPEN, o.node(), o.conn(), 2 + address.length).putShort((short) address.length).put(address).array();
        } else if (m instanceof LinkMessage.Packet p) {
            return head(PACKET, p.node(), p.conn(), p.bytes().length).put(p.bytes()).array();
        } else if (m instanceof LinkMessage.Expired e) {
            return head(EXPIRED, e.node(), e.conn(), 0).array();
        } else if (m instanceof LinkMessage.Closed c) {
            return head(CLOSED, c.node(), c.conn(), 0).array();
        } else if (m instanceof LinkMessage.Written w) {
            return head(WRITTEN, w.node(), w.conn(), 8).putLong(w.upTo()).array();
        } else if (m instanceof LinkMessage.Reply r) {
            return ByteBuffer.allocate(9 + r.bytes().length).put(REPLY).putLong(r.conn()).put(r.bytes()).array();
        } else if (m instanceof LinkMessage.Handled h) {
            return ByteBuffer.allocate(9).put(HANDLED).putLong(h.conn()).array();
        } else if (m instanceof LinkMessage.Close c) {
            byte[] tag = text(c.reason().tag());
            return ByteBuffer.allocate(11 + tag.length).put(CLOSE).putLong(c.conn()).putShort((short) tag.length).put(tag).array();
        }
        return ByteBuffer.allocate(9).put(REFUSED).putLong(((LinkMessage.Refused) m).conn()).array();
    }

    /** The message in {@code payload}, or null when it is none (unknown type, wrong length, bad text, unknown reason). */
    public static LinkMessage decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(payload, 1, payload.length - 1);
        try {
            LinkMessage m = switch (payload[0]) {
                case OPEN -> new LinkMessage.Open(text(b), b.getLong(), text(b));
                case PACKET -> new LinkMessage.Packet(text(b), b.getLong(), rest(b));
                case EXPIRED -> new LinkMessage.Expired(text(b), b.getLong());
                case CLOSED -> new LinkMessage.Closed(text(b), b.getLong());
                case WRITTEN -> new LinkMessage.Written(text(b), b.getLong(), b.getLong());
                case REPLY -> new LinkMessage.Reply(b.getLong(), rest(b));
                case HANDLED -> new LinkMessage.Handled(b.getLong());
                case CLOSE -> {
                    long conn = b.getLong();
                    CloseReason reason = reason(text(b));
                    yield reason == null ? null : new LinkMessage.Close(conn, reason);
                }
                case REFUSED -> new LinkMessage.Refused(b.getLong());
                default -> null;
            };
            return b.hasRemaining() ? null : m;
        } catch (BufferUnderflowException | CharacterCodingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The type, the connection's node and number, with room for {@code more} bytes after them. */
    private static ByteBuffer head(byte type, String node, long conn, int more) {
        byte[] name = text(node);
        return ByteBuffer.allocate(1 + 2 + name.length + 8 + more).put(type).putShort((short) name.length).put(name).putLong(conn);
    }

    private static byte[] text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text of " + bytes.length + " bytes (max " + MAX_TEXT_BYTES + ")");
        }
        return bytes;
    }

    private static String text(ByteBuffer b) throws CharacterCodingException {
        int length = Short.toUnsignedInt(b.getShort());
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = b.slice(b.position(), length);
        b.position(b.position() + length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    }

    private static byte[] rest(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static CloseReason reason(String tag) {
        return CloseReason.valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
