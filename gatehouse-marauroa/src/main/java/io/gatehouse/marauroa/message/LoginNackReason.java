package io.gatehouse.marauroa.message;

/** Why S2C_LOGIN_NACK refuses a login: its wire code is the position in this list, with Marauroa's text. */
public enum LoginNackReason {
    USERNAME_WRONG("Username/Password incorrect."),
    TOO_MANY_TRIES("There have been too many failed login attempts for your account or network. "
            + "Please wait a couple of minutes or contact support."),
    USERNAME_BANNED("Account is banned."),
    SERVER_IS_FULL("Server is full."),
    GAME_MISMATCH("Server is running an incompatible version of game. Please update."),
    PROTOCOL_MISMATCH("Invalid network protocol version."),
    INVALID_NONCE("The hash you sent does not correspond to the nonce you sent."),
    USERNAME_INACTIVE("You account has been marked as inactive, please contact support."),
    TOO_MANY_TRIES_USERNAME("There have been too many failed login attempts for your account. "
            + "Please wait a couple of minutes or contact support."),
    TOO_MANY_TRIES_IP("There have been too many failed login attempts from your network. "
            + "Please wait a couple of minutes or contact support."),
    SEED_WRONG("Login expired. Please click again on your character on the web page."),
    ACCOUNT_MERGED("This account was merged into another account. Please use the username "
            + "of the other account to login or contact support.");

    private final String text;

    LoginNackReason(String text) {
        this.text = text;
    }

    public int code() {
        return ordinal();
    }

    /** The text Marauroa's client shows for the reason. */
    public String text() {
        return text;
    }

    public static LoginNackReason byCode(int code) {
        LoginNackReason[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
