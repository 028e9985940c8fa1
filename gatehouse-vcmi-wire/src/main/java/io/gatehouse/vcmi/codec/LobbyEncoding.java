package io.gatehouse.vcmi.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A lobby client's text encoding (docs/protocol/vcmi.md section 3), decoding and encoding as
 * the original's Python codecs do with {@code errors='replace'}: UTF-8 replaces each maximal
 * ill-formed subpart with one U+FFFD; {@code utf-16} reads a BOM, else little-endian, and
 * writes a BOM and little-endian for every message. Other encodings are Java's charsets.
 */
public final class LobbyEncoding {

    public static final LobbyEncoding UTF8 = new LobbyEncoding(StandardCharsets.UTF_8);
    public static final LobbyEncoding UTF16 = new LobbyEncoding(StandardCharsets.UTF_16);
    private static final char REPLACEMENT = '\ufffd';
    private static final String REPLY_CHARACTERS = ":>ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Charset charset;
    private final boolean keepsAscii;

    private LobbyEncoding(Charset charset) {
        this.charset = charset;
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        this.keepsAscii = new String(ascii, charset).equals(new String(ascii, StandardCharsets.US_ASCII));
    }

    /** UTF-8, UTF-16 (with its BOM rules) or another charset. */
    public static LobbyEncoding of(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return UTF8;
        }
        return charset.equals(StandardCharsets.UTF_16) ? UTF16 : new LobbyEncoding(charset);
    }

    public Charset charset() {
        return charset;
    }

    /**
     * Whether replies can be written in the charset and read back: it can encode (some, like
     * {@code ISO-2022-CN}, only decode) and what every reply is built of, {@code :>}, ASCII
     * letters and digits, comes back as it went (not in {@code x-MacDingbat}, say).
     */
    public static boolean carriesReplies(Charset charset) {
        if (!charset.canEncode()) {
            return false;
        }
        LobbyEncoding e = of(charset);
        try {
            return e.decode(e.encode(REPLY_CHARACTERS)).equals(REPLY_CHARACTERS);
        } catch (RuntimeException unusable) {
            return false;
        }
    }

    /** Whether ASCII bytes decode to the same ASCII text, so that ASCII text survives a trip through UTF-8 and back. */
    public boolean keepsAscii() {
        return keepsAscii;
    }

    public String decode(byte[] bytes) {
        if (this == UTF8) {
            return decodeUtf8(bytes);
        }
        return this == UTF16 ? decodeUtf16(bytes) : new String(bytes, charset);
    }

    /** The text's bytes; what cannot be written becomes {@code ?}. */
    public byte[] encode(String text) {
        if (this == UTF16) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xFF);
            out.write(0xFE);
            out.writeBytes(replacing(StandardCharsets.UTF_16LE, text));
            return out.toByteArray();
        }
        return replacing(charset, text);
    }

    private static byte[] replacing(Charset charset, String text) {
        CharsetEncoder enc = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("?".getBytes(charset));
        try {
            ByteBuffer b = enc.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("replacing encoder failed", e);
        }
    }

    /** UTF-8 as Python decodes it: one U+FFFD per maximal subpart of an ill-formed sequence. */
    static String decodeUtf8(byte[] b) {
        String fast = new String(b, StandardCharsets.UTF_8);
        if (fast.indexOf(REPLACEMENT) < 0) {
            // Well-formed: Java and Python read it alike, and Java's decoder is much the faster.
            return fast;
        }
        StringBuilder out = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                more = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                more = 2;
                lo = lead == 0xE0 ? 0xA0 : 0x80;
                hi = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                more = 3;
                lo = lead == 0xF0 ? 0x90 : 0x80;
                hi = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int cp = lead & (0x3F >> more);
            int j = i + 1;
            boolean whole = true;
            for (int k = 0; k < more; k++, j++, lo = 0x80, hi = 0xBF) {
                int c = j < b.length ? b[j] & 0xFF : -1;
                if (c < lo || c > hi) {
                    whole = false;
                    break;
                }
                cp = cp << 6 | (c & 0x3F);
            }
            if (whole) {
                out.appendCodePoint(cp);
            } else {
                out.append(REPLACEMENT);
            }
            i = j;
        }
        return out.toString();
    }

    /** Python's {@code utf-16}: a leading BOM picks the order and is dropped, else little-endian; one U+FFFD per bad unit. */
    static String decodeUtf16(byte[] b) {
        int i = 0;
        boolean big = false;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            i = 2;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            i = 2;
            big = true;
        }
        StringBuilder out = new StringBuilder(b.length / 2);
        while (i + 1 < b.length) {
            char u = unit(b, i, big);
            i += 2;
            if (!Character.isSurrogate(u)) {
                out.append(u);
            } else if (Character.isHighSurrogate(u) && i + 1 >= b.length) {
                // A high surrogate with less than a unit after it: one replacement for the rest.
                out.append(REPLACEMENT);
                return out.toString();
            } else if (Character.isHighSurrogate(u) && Character.isLowSurrogate(unit(b, i, big))) {
                out.append(u).append(unit(b, i, big));
                i += 2;
            } else {
                out.append(REPLACEMENT);
            }
        }
        if (i < b.length) {
            out.append(REPLACEMENT);
        }
        return out.toString();
    }

    private static char unit(byte[] b, int i, boolean big) {
        int x = b[i] & 0xFF;
        int y = b[i + 1] & 0xFF;
        return (char) (big ? x << 8 | y : y << 8 | x);
    }
}
