package io.gatehouse.astron.dc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits DC file text into tokens (docs/protocol/astron.md, "DC files"): identifiers,
 * unsigned decimal and {@code 0x} integers, reals, {@code 'c'} chars, {@code "..."} strings,
 * {@code <hex>} strings and punctuation; {@code //} and {@code /* *}{@code /} comments are skipped.
 * A sign is always its own token: {@code 0-100} is three tokens.
 */
final class DcLexer {

    private static final String PUNCTUATION = "(){}[],;=:%/*+-.";

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private int column = 1;

    DcLexer(String source, String text) {
        this.source = source;
        this.text = text;
    }

    List<DcToken> tokens() {
        List<DcToken> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                out.add(new DcToken(DcToken.Kind.END, "", 0, 0, line, column));
                return out;
            }
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                advance();
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", pos)) {
                int startLine = line;
                int startColumn = column;
                advance();
                advance();
                while (pos < text.length() && !text.startsWith("*/", pos)) {
                    advance();
                }
                if (pos >= text.length()) {
                    throw new DcSyntaxException(source, startLine, startColumn, "comment is not closed");
                }
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private DcToken next() {
        int l = line;
        int col = column;
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                advance();
            }
            return new DcToken(DcToken.Kind.IDENTIFIER, text.substring(start, pos), 0, 0, l, col);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number(l, col);
        }
        if (c == '\'') {
            return new DcToken(DcToken.Kind.CHAR, quoted('\'', l, col), 0, 0, l, col);
        }
        if (c == '"') {
            return new DcToken(DcToken.Kind.STRING, quoted('"', l, col), 0, 0, l, col);
        }
        if (c == '<') {
            return hexString(l, col);
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            advance();
            return new DcToken(DcToken.Kind.PUNCT, String.valueOf(c), 0, 0, l, col);
        }
        throw new DcSyntaxException(source, l, col, "unexpected character '" + c + "'");
    }

    private DcToken number(int l, int col) {
        int start = pos;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            advance();
            advance();
            long value = 0;
            int digits = 0;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                long next = value * 16 + Character.digit(text.charAt(pos), 16);
                if (Long.compareUnsigned(next, value) < 0 || digits >= 16) {
                    throw new DcSyntaxException(source, l, col, "number out of range");
                }
                value = next;
                digits++;
                advance();
            }
            return new DcToken(DcToken.Kind.UNSIGNED_INTEGER, text.substring(start, pos), value, value, l, col);
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            advance();
        }
        boolean real = false;
        if (pos < text.length() && text.charAt(pos) == '.') {
            real = true;
            advance();
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                advance();
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            int saveLine = line;
            int saveColumn = column;
            advance();
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                advance();
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                real = true;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    advance();
                }
            } else {
                pos = save;
                line = saveLine;
                column = saveColumn;
            }
        }
        String s = text.substring(start, pos);
        if (real) {
            return new DcToken(DcToken.Kind.REAL, s, 0, Double.parseDouble(s), l, col);
        }
        try {
            long value = Long.parseUnsignedLong(s);
            return new DcToken(DcToken.Kind.UNSIGNED_INTEGER, s, value, Double.parseDouble(s), l, col);
        } catch (NumberFormatException e) {
            throw new DcSyntaxException(source, l, col, "number out of range: " + s);
        }
    }

    private String quoted(char quote, int l, int col) {
        advance();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw new DcSyntaxException(source, l, col, (quote == '"' ? "string" : "char") + " is not closed");
            }
            char c = text.charAt(pos);
            advance();
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new DcSyntaxException(source, l, col, "escape at end of file");
            }
            char e = text.charAt(pos);
            advance();
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0 && n < 2) {
                        v = v * 16 + Character.digit(text.charAt(pos), 16);
                        advance();
                        n++;
                    }
                    b.append((char) v);
                }
                default -> b.append(e);
            }
        }
    }

    private DcToken hexString(int l, int col) {
        advance();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int half = -1;
        while (true) {
            if (pos >= text.length()) {
                throw new DcSyntaxException(source, l, col, "hex string is not closed");
            }
            char c = text.charAt(pos);
            advance();
            if (c == '>') {
                break;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw new DcSyntaxException(source, line, column - 1, "'" + c + "' in a hex string");
            }
            if (half < 0) {
                half = d;
            } else {
                bytes.write(half * 16 + d);
                half = -1;
            }
        }
        if (half >= 0) {
            throw new DcSyntaxException(source, l, col, "hex string has an odd number of digits");
        }
        return new DcToken(DcToken.Kind.HEX_STRING, bytes.toString(StandardCharsets.ISO_8859_1), 0, 0, l, col);
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }
}
