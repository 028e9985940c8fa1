package io.gatehouse.astron.eventlog;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;

/**
 * Turns one event packet (one MessagePack value) into the text astrond's event logger writes
 * for it (docs/protocol/astron.md, section 14.3): JSON-like, {@code ", "} between items and
 * {@code ": "} after a key, strings escaped byte by byte. Containers are walked with a stack of
 * their own, so that no nesting a packet can hold overflows the thread's stack. No I/O; shared.
 */
public final class EventRenderer {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private EventRenderer() {
    }

    /** A container being written: how many items (keys and values each count) it has and has had. */
    private static final class Open {
        final boolean map;
        final long items;
        long done;

        Open(boolean map, long items) {
            this.map = map;
            this.items = items;
        }
    }

    /** The packet's value, or why it gives no line. */
    public static EventRendering render(byte[] packet) {
        StringBuilder out = new StringBuilder(packet.length * 2 + 16);
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(new ArrayBufferInput(packet))) {
            Deque<Open> open = new ArrayDeque<>();
            do {
                Open at = open.peek();
                if (at != null) {
                    if (at.map && at.done % 2 == 1) {
                        out.append(": ");
                    } else if (at.done > 0) {
                        out.append(", ");
                    }
                    at.done++;
                }
                Open started = value(in, packet.length, out);
                if (started != null) {
                    open.push(started);
                }
                while (!open.isEmpty() && open.peek().done == open.peek().items) {
                    out.append(open.pop().map ? '}' : ']');
                }
            } while (!open.isEmpty());
            if (in.getTotalReadBytes() != packet.length) {
                return new EventRendering.Refused(BadEvent.EXTRANEOUS, "");
            }
        } catch (MessagePackException | IOException e) {
            // past the end of the packet, or a count no packet can hold
            return new EventRendering.Refused(BadEvent.TRUNCATED, "");
        }
        String text = out.toString();
        return text.startsWith("{") ? new EventRendering.Event(text) : new EventRendering.Refused(BadEvent.NOT_A_MAP, text);
    }

    /** Writes one scalar, or the opening of a container (returned, to be filled). */
    private static Open value(MessageUnpacker in, int size, StringBuilder out) throws IOException {
        MessageFormat f = in.getNextFormat();
        switch (f) {
            case NEVER_USED -> {
                in.readPayload(1);
                out.append("*INVALID*");
                return null;
            }
            case NIL -> {
                in.unpackNil();
                out.append("null");
            }
            case BOOLEAN -> out.append(in.unpackBoolean());
            case UINT64 -> out.append(in.unpackBigInteger());
            case FLOAT32 -> out.append(general(in.unpackFloat()));
            case FLOAT64 -> out.append(general(in.unpackDouble()));
            case FIXSTR, STR8, STR16, STR32 -> string(out, payload(in, in.unpackRawStringHeader(), size));
            case BIN8, BIN16, BIN32 -> string(out, payload(in, in.unpackBinaryHeader(), size));
            case FIXEXT1, FIXEXT2, FIXEXT4, FIXEXT8, FIXEXT16, EXT8, EXT16, EXT32 -> {
                var header = in.unpackExtensionTypeHeader();
                out.append("ext(").append(header.getType()).append(", ");
                string(out, payload(in, header.getLength(), size));
                out.append(')');
            }
            case FIXARRAY, ARRAY16, ARRAY32 -> {
                out.append('[');
                return new Open(false, in.unpackArrayHeader());
            }
            case FIXMAP, MAP16, MAP32 -> {
                out.append('{');
                return new Open(true, 2L * in.unpackMapHeader());
            }
            default -> out.append(in.unpackLong());
        }
        return null;
    }

    /** The next {@code length} bytes; a length past the packet's end is a truncated packet, found before anything is allocated. */
    private static byte[] payload(MessageUnpacker in, int length, int size) throws IOException {
        if (length < 0 || length > size - in.getTotalReadBytes()) {
            throw new MessagePackException("past the end");
        }
        return in.readPayload(length);
    }

    /** A string or binary as astrond writes it: quoted, escapes for quote, backslash and control bytes, {@code \xNN} for the rest. */
    static void string(StringBuilder out, byte[] bytes) {
        out.append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            char escape = switch (c) {
                case 8 -> 'b';
                case 9 -> 't';
                case 10 -> 'n';
                case 11 -> 'v';
                case 12 -> 'f';
                case 13 -> 'r';
                case '"' -> '"';
                case '\\' -> '\\';
                default -> 0;
            };
            if (escape != 0) {
                out.append('\\').append(escape);
            } else if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append('"');
    }

    /** A float as C++'s stream writes one by default ({@code %g}: six significant digits, trailing zeros dropped). */
    static String general(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(v).round(SIX_DIGITS);
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
