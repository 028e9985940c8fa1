package io.gatehouse.astron.dc;

/** One lexical token of a DC file, with where it starts (1-based line and column). */
record DcToken(Kind kind, String text, long integer, double real, int line, int column) {

    enum Kind {
        IDENTIFIER,
        /** An unsigned decimal or hexadecimal integer; the value is in {@code integer}. */
        UNSIGNED_INTEGER,
        /** A number with a point or exponent; the value is in {@code real}. */
        REAL,
        /** {@code 'c'}; the text holds the character(s) between the quotes, escapes undone. */
        CHAR,
        /** {@code "text"}; escapes undone. */
        STRING,
        /** {@code <hex digits>}: the bytes as ISO-8859-1 text. */
        HEX_STRING,
        /** One of {@code ( ) { } [ ] , ; = : % / * + - . < >}. */
        PUNCT,
        END
    }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equals(word);
    }

    String describe() {
        return switch (kind) {
            case END -> "end of file";
            case STRING -> "string \"" + text + "\"";
            case CHAR -> "char '" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
