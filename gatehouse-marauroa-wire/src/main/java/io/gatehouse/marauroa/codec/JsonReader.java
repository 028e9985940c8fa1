package io.gatehouse.marauroa.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for the browser transport (docs/protocol/marauroa.md,
 * section 11.2): objects as {@code Map<String, Object>} in their order, arrays as lists,
 * strings, numbers as {@link BigDecimal}, booleans, and {@link #NULL}. Nesting is bounded;
 * anything else (trailing text included) is a {@link MarauroaFormatException}. No I/O.
 */
final class JsonReader {

    /** JSON's {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String text;
    private final int maxDepth;
    private int pos;

    private JsonReader(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** The one value {@code text} holds. */
    static Object parse(String text, int maxDepth) {
        JsonReader r = new JsonReader(text, maxDepth);
        Object v = r.value(0);
        r.space();
        if (r.pos != text.length()) {
            throw r.bad("text after the value");
        }
        return v;
    }

    private Object value(int depth) {
        space();
        if (pos >= text.length()) {
            throw bad("a value expected");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw bad("a member name expected");
            }
            String name = string();
            space();
            expect(':');
            out.put(name, value(depth));
            space();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw bad("',' or '}' expected");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> out = new ArrayList<>();
        space();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value(depth));
            space();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw bad("',' or ']' expected");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw bad("a control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw bad("a cut-short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            throw bad("a bad \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    b.append((char) code);
                }
                default -> throw bad("a bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw bad("a value expected");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw bad("a digit expected after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw bad("a digit expected in the exponent");
            }
            digits();
        }
        if (pos - start > 64) {
            throw bad("a number of more than 64 characters");
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw bad("a value expected");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw bad("nested deeper than " + maxDepth);
        }
    }

    private void space() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw bad("the text ends early");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw bad("'" + c + "' expected");
        }
    }

    private MarauroaFormatException bad(String what) {
        return new MarauroaFormatException("JSON: " + what + " at character " + pos);
    }
}
