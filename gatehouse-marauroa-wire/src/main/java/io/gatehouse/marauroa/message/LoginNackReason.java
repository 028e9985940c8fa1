package io.gatehouse.marauroa.message;

/** Why S2C_LOGIN_NACK refuses a login: its wire code, with the text Marauroa gives it. */
public enum LoginNackReason {
    USERNAME_WRONG(0, "Username/Password incorrect."),
    TOO_MANY_TRIES(1, "There have been too many failed login attempts for your account or network. "
            + "Please wait a couple of minutes or contact support."),
    USERNAME_BANNED(2, "Account is banned."),
    SERVER_IS_FULL(3, "Server is full."),
    GAME_MISMATCH(4, "Server is running an incompatible version of game. Please update."),
    PROTOCOL_MISMATCH(5, "Invalid network protocol version."),
    INVALID_NONCE(6, "The hash you sent does not correspond to the nonce you sent."),
    USERNAME_INACTIVE(7, "You account has been marked as inactive, please contact support."),
    TOO_MANY_TRIES_USERNAME(8, "There have been too many failed login attempts for your account. "
            + "Please wait a couple of minutes or contact support."),
    TOO_MANY_TRIES_IP(9, "There have been too many failed login attempts from your network. "
            + "Please wait a couple of minutes or contact support."),
    SEED_WRONG(10, "Login expired. Please click again on your character on the web page."),
    ACCOUNT_MERGED(11, "This account was merged into another account. Please use the username "
            + "of the other account to login or contact support.");

    private static final LoginNackReason[] BY_CODE = WireIds.table(values(), LoginNackReason::code);

    private final int code;
    private final String text;

    LoginNackReason(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The text Marauroa's client shows for the reason. */
    public String text() {
        return text;
    }

    /** The constant with that wire code, or null. */
    public static LoginNackReason byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
