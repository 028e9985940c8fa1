package io.gatehouse.vcmi.codec;

import java.math.BigInteger;

/**
 * Python's {@code int(text)}, which the original applies to COUNT and HOSTMODE values
 * (docs/protocol/vcmi.md section 5, "Numbers"): white space around, an optional sign, then
 * decimal digits of any script with single underscores between them, at most 4,300 digits.
 */
public final class PythonInt {

    /** Python's {@code sys.int_info.default_max_str_digits}. */
    static final int MAX_DIGITS = 4300;

    private PythonInt() {
    }

    /** The value, or null where Python raises {@code ValueError}. */
    public static BigInteger parse(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        boolean negative = false;
        if (start < end && (text.charAt(start) == '+' || text.charAt(start) == '-')) {
            negative = text.charAt(start) == '-';
            start++;
        }
        StringBuilder digits = new StringBuilder();
        boolean afterDigit = false;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '_' && afterDigit && i < end) {
                afterDigit = false;
                continue;
            }
            if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
                return null;
            }
            digits.append((char) ('0' + Character.digit(cp, 10)));
            afterDigit = true;
        }
        if (!afterDigit || digits.length() > MAX_DIGITS) {
            return null;
        }
        BigInteger value = new BigInteger(digits.toString());
        return negative ? value.negate() : value;
    }

    /** The white space {@code int()} strips: Python's {@code str.isspace} less U+001C..U+001F. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00a0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f'
                || c == '\u205f' || c == '\u3000';
    }
}
