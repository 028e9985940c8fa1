package io.gatehouse.vcmi.codec;

/**
 * Splits lobby text into commands (section 5): {@code <TAG>value}, the value running to
 * the next {@code <}. Pure and allocation-light; the caller loops over {@link #next}, each
 * time from the {@code end} of the command before, so a packet is split in one pass.
 */
public final class LobbyCommands {

    /** One command; {@code end} is where the text after it starts: its next {@code <}, or the text's length. */
    public record Command(String tag, String value, int end) {
    }

    private LobbyCommands() {
    }

    /** The first command of {@code text}, or null when the text holds none that is well formed. */
    public static Command next(String text) {
        return next(text, 0);
    }

    /** The first command of the text from index {@code from} on, or null when that part holds none that is well formed. */
    public static Command next(String text, int from) {
        int open = text.indexOf('<', from);
        if (open < 0 || open == text.length() - 1) {
            return null;
        }
        int close = text.indexOf('>', open + 1);
        if (close < 0 || close == open + 1) {
            return null;
        }
        String tag = text.substring(open + 1, close);
        int nextOpen = text.indexOf('<', close + 1);
        int end = nextOpen < 0 ? text.length() : nextOpen;
        return new Command(tag, text.substring(close + 1, end), end);
    }
}
