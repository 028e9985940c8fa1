package io.gatehouse.vcmi.codec;

import io.gatehouse.vcmi.message.LobbyError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lobby handshake at the head of a packet (section 3): protocol version byte, encoding
 * name length, encoding name. Pure: {@link #read} says what the packet announces or why not.
 */
public final class LobbyHandshake {

    public static final int MIN_PROTOCOL = 1;
    public static final int MAX_PROTOCOL = 5;

    /** A successful read, or the error to answer with (then {@code protocol} and {@code encoding} are unset). */
    public record Result(int protocol, LobbyEncoding encoding, LobbyError error) {
        public boolean ok() {
            return error == null;
        }
    }

    private LobbyHandshake() {
    }

    public static Result read(byte[] packet) {
        if (packet.length < 2) {
            return new Result(0, null, LobbyError.HANDSHAKE_TOO_SHORT);
        }
        int version = packet[0] & 0xFF;
        if (version < MIN_PROTOCOL || version > MAX_PROTOCOL) {
            return new Result(0, null, LobbyError.PROTOCOL_INCOMPATIBLE);
        }
        int nameLength = packet[1] & 0xFF;
        if (nameLength == 0) {
            return new Result(version, LobbyEncoding.UTF8, null);
        }
        if (packet.length < nameLength + 2) {
            return new Result(0, null, LobbyError.BAD_ENCODING);
        }
        String name = new String(packet, 2, nameLength, StandardCharsets.UTF_8);
        Charset charset = charset(name);
        if (charset == null || !LobbyEncoding.carriesReplies(charset)) {
            return new Result(0, null, LobbyError.BAD_ENCODING);
        }
        return new Result(version, LobbyEncoding.of(charset), null);
    }

    /** Python codec names as Java charsets: {@code utf8}, {@code utf-8}, {@code cp1251}, {@code latin-1}... */
    static Charset charset(String pythonName) {
        String n = pythonName.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("utf8") || n.equals("utf-8") || n.equals("u8")) {
            return StandardCharsets.UTF_8;
        }
        if (n.equals("utf16") || n.equals("u16")) {
            return StandardCharsets.UTF_16;
        }
        if (n.equals("latin-1") || n.equals("latin1") || n.equals("l1")) {
            return StandardCharsets.ISO_8859_1;
        }
        if (n.matches("cp\\d{3,4}")) {
            n = (n.equals("cp866") || n.equals("cp437") || n.equals("cp850")) ? "IBM" + n.substring(2) : "windows-" + n.substring(2);
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
