package io.gatehouse.astron.eventlog;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * C's {@code strftime} in the C locale, for the event logger's file names and time stamps
 * (docs/protocol/astron.md, section 14.3). The conversions are C's portable ones; any other
 * is refused when the pattern is checked, so that a file name never depends on a platform.
 */
public final class Strftime {

    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
    private static final String CONVERSIONS = "aAbBcdDeFHIjmMnpRSstTuwyYzZ%";

    private Strftime() {
    }

    /** @throws IllegalArgumentException naming the first conversion this class does not know */
    public static void check(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == pattern.length()) {
                throw new IllegalArgumentException("'" + pattern + "' ends with a lone %");
            }
            char c = pattern.charAt(++i);
            if (CONVERSIONS.indexOf(c) < 0) {
                throw new IllegalArgumentException("'" + pattern + "': %" + c + " is not a strftime conversion Gatehouse knows"
                        + " (%a %A %b %B %c %d %D %e %F %H %I %j %m %M %n %p %R %S %s %t %T %u %w %y %Y %z %Z %%)");
            }
        }
    }

    /** The pattern with every conversion replaced by {@code t}'s value; the pattern must have passed {@link #check}. */
    public static String format(String pattern, ZonedDateTime t) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            conversion(out, pattern.charAt(++i), t);
        }
        return out.toString();
    }

    private static void conversion(StringBuilder out, char c, ZonedDateTime t) {
        switch (c) {
            case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
            case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT));
            case 'b' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT));
            case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT));
            case 'c' -> out.append(format("%a %b %e %H:%M:%S %Y", t));
            case 'd' -> two(out, t.getDayOfMonth());
            case 'D' -> out.append(format("%m/%d/%y", t));
            case 'e' -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
            case 'F' -> out.append(format("%Y-%m-%d", t));
            case 'H' -> two(out, t.getHour());
            case 'I' -> two(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> out.append(String.format(Locale.ROOT, "%03d", t.getDayOfYear()));
            case 'm' -> two(out, t.getMonthValue());
            case 'M' -> two(out, t.getMinute());
            case 'n' -> out.append('\n');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'R' -> out.append(format("%H:%M", t));
            case 'S' -> two(out, t.getSecond());
            case 's' -> out.append(t.toEpochSecond());
            case 't' -> out.append('\t');
            case 'T' -> out.append(format("%H:%M:%S", t));
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
            case 'y' -> two(out, t.getYear() % 100);
            case 'Y' -> out.append(t.getYear());
            case 'z' -> {
                int seconds = t.getOffset().getTotalSeconds();
                int minutes = Math.abs(seconds) / 60;
                out.append(seconds < 0 ? '-' : '+');
                two(out, minutes / 60);
                two(out, minutes % 60);
            }
            case 'Z' -> out.append(ZONE_NAME.format(t));
            default -> out.append(c);
        }
    }

    private static void two(StringBuilder out, int n) {
        out.append(n < 10 ? "0" : "").append(n);
    }
}
