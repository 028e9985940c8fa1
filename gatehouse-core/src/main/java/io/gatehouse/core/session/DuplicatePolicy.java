package io.gatehouse.core.session;

import java.util.Locale;

/** What happens when a session is presented while it is still bound to another live connection. */
public enum DuplicatePolicy {
    /** The newcomer takes the session; the older connection is closed as a duplicate. */
    CLOSE_OLDER,
    /** The newcomer is refused; the older connection keeps the session. */
    REJECT_NEWER;

    /** The config file's spelling: {@code close_older}, {@code reject_newer}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DuplicatePolicy fromConfig(String text) {
        for (DuplicatePolicy p : values()) {
            if (p.configName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duplicate policy (expected close_older or reject_newer)");
    }
}
