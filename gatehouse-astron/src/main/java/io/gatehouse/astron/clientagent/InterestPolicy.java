package io.gatehouse.astron.clientagent;

import java.util.Locale;

/** What clients may do with interests themselves ({@code astron.interests}). */
public enum InterestPolicy {
    /** Any parent. */
    ENABLED,
    /** Only parents the client can see ({@code visible}, also written {@code visible-only}). */
    VISIBLE,
    /** None: the game server manages every interest. */
    DISABLED;

    public static InterestPolicy fromConfig(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "enabled" -> ENABLED;
            case "visible", "visible-only", "visible_only" -> VISIBLE;
            case "disabled" -> DISABLED;
            default -> throw new IllegalArgumentException("'" + text + "' is not enabled, visible or disabled");
        };
    }
}
