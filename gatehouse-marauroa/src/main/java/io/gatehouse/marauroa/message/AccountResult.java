package io.gatehouse.marauroa.message;

/** The outcome of an account or character creation; S2C_CREATEACCOUNT_NACK carries its position as the reason. */
public enum AccountResult {
    OK_CREATED("Account was created correctly."),
    FAILED_EMPTY_STRING("Account was not created because one of the important parameters was missing."),
    FAILED_INVALID_CHARACTER_USED("Account was not created because an invalid character (special letters, signs, numbers) was used."),
    FAILED_STRING_SIZE("Account was not created because any of the parameters are either too long or too short."),
    FAILED_PLAYER_EXISTS("Account was not created because this account already exists."),
    FAILED_EXCEPTION("Account was not created because there was an unspecified exception."),
    FAILED_CHARACTER_EXISTS("Character was not created because this Character already exists."),
    FAILED_INVALID_TEMPLATE("The template passed to the create character method is not valid because it fails to pass the RP rules."),
    FAILED_STRING_TOO_SHORT("Account was not created because at least one of the parameters was too short."),
    FAILED_STRING_TOO_LONG("Account was not created because at least one of the parameters was too long."),
    FAILED_RESERVED_NAME("Account was not created because the name is reserved (or contains a reserved name)."),
    FAILED_PASSWORD_TOO_CLOSE_TO_USERNAME("Account was not created because the password is too close to the username."),
    FAILED_PASSWORD_TO_WEAK("Account was not created because the password is too weak."),
    FAILED_TOO_MANY("Account was not created because the account creation limit for your network was reached.\nPlease try again later."),
    FAILED_OFFLINE("Creation failed because the server is temporary not available. Please try again later."),
    FAILED_CREATE_ON_MAIN_INSTEAD("Accounts cannot be created on this server. Please create the account on the main server and wait a while.");

    private final String text;

    AccountResult(String text) {
        this.text = text;
    }

    public int code() {
        return ordinal();
    }

    public String text() {
        return text;
    }

    public static AccountResult byCode(int code) {
        AccountResult[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
