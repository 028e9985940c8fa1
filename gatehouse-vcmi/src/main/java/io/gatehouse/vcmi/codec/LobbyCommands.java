package io.gatehouse.vcmi.codec;

/**
 * Splits lobby text into commands (section 5): {@code <TAG>value}, the value running to
 * the next {@code <}. Pure and allocation-light; the caller loops over {@link #next}.
 */
public final class LobbyCommands {

    /** One command and the text after it ({@code rest} starts at the next {@code <}, or is empty). */
    public record Command(String tag, String value, String rest) {
    }

    private LobbyCommands() {
    }

    /** The first command of {@code text}, or null when the text holds none that is well formed. */
    public static Command next(String text) {
        int open = text.indexOf('<');
        if (open < 0 || open == text.length() - 1) {
            return null;
        }
        int close = text.indexOf('>', open + 1);
        if (close < 0 || close == open + 1) {
            return null;
        }
        String tag = text.substring(open + 1, close);
        int nextOpen = text.indexOf('<', close + 1);
        String value = nextOpen < 0 ? text.substring(close + 1) : text.substring(close + 1, nextOpen);
        String rest = nextOpen < 0 ? "" : text.substring(nextOpen);
        return new Command(tag, value, rest);
    }
}
