package io.gatehouse.marauroa.message;

/** The outcome of an account or character creation; S2C_CREATEACCOUNT_NACK carries its code as the reason. */
public enum AccountResult {
    OK_CREATED(0, "Account was created correctly."),
    FAILED_EMPTY_STRING(1, "Account was not created because one of the important parameters was missing."),
    FAILED_INVALID_CHARACTER_USED(2, "Account was not created because an invalid character (special letters, signs, numbers) was used."),
    FAILED_STRING_SIZE(3, "Account was not created because any of the parameters are either too long or too short."),
    FAILED_PLAYER_EXISTS(4, "Account was not created because this account already exists."),
    FAILED_EXCEPTION(5, "Account was not created because there was an unspecified exception."),
    FAILED_CHARACTER_EXISTS(6, "Character was not created because this Character already exists."),
    FAILED_INVALID_TEMPLATE(7, "The template passed to the create character method is not valid because it fails to pass the RP rules."),
    FAILED_STRING_TOO_SHORT(8, "Account was not created because at least one of the parameters was too short."),
    FAILED_STRING_TOO_LONG(9, "Account was not created because at least one of the parameters was too long."),
    FAILED_RESERVED_NAME(10, "Account was not created because the name is reserved (or contains a reserved name)."),
    FAILED_PASSWORD_TOO_CLOSE_TO_USERNAME(11, "Account was not created because the password is too close to the username."),
    FAILED_PASSWORD_TO_WEAK(12, "Account was not created because the password is too weak."),
    FAILED_TOO_MANY(13, "Account was not created because the account creation limit for your network was reached.\nPlease try again later."),
    FAILED_OFFLINE(14, "Creation failed because the server is temporary not available. Please try again later."),
    FAILED_CREATE_ON_MAIN_INSTEAD(15, "Accounts cannot be created on this server. Please create the account on the main server and wait a while.");

    private static final AccountResult[] BY_CODE = WireIds.table(values(), AccountResult::code);

    private final int code;
    private final String text;

    AccountResult(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The constant with that wire code, or null. */
    public static AccountResult byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
