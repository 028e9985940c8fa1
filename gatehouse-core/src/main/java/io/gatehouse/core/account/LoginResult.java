package io.gatehouse.core.account;

import java.util.Locale;

/** The result of one login attempt, as recorded in the login events and counted in metrics. */
public enum LoginResult {
    SUCCESS,
    UNKNOWN_USER,
    BAD_PASSWORD,
    BAD_TOKEN,
    BAD_SESSION,
    BANNED,
    DISABLED,
    OVER_LIMIT,
    /** Refused before it was checked: too many failed attempts from its address lately. */
    THROTTLED,
    /** Not decided: the store failed while checking it (counted only; never in a login history). */
    STORE_ERROR;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
