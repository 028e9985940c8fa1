package io.gatehouse.marauroa.codec;

/**
 * Marauroa's message types, in the order of their wire ids (docs/protocol/marauroa.md,
 * section 3): a message's type byte is its position in this list.
 */
public enum MessageType {
    C2S_ACTION,
    C2S_CHOOSECHARACTER,
    C2S_LOGIN_REQUESTKEY,
    C2S_LOGIN_SENDNONCENAMEANDPASSWORD,
    C2S_LOGIN_SENDPROMISE,
    C2S_LOGOUT,
    C2S_OUTOFSYNC,
    C2S_TRANSFER_ACK,
    C2S_KEEPALIVE,
    S2C_CHARACTERLIST,
    S2C_CHOOSECHARACTER_ACK,
    S2C_CHOOSECHARACTER_NACK,
    S2C_INVALIDMESSAGE,
    S2C_LOGIN_ACK,
    S2C_LOGIN_NACK,
    S2C_LOGIN_SENDKEY,
    S2C_LOGIN_SENDNONCE,
    S2C_LOGOUT_ACK,
    S2C_LOGOUT_NACK,
    S2C_PERCEPTION,
    S2C_SERVERINFO,
    S2C_TRANSFER,
    S2C_TRANSFER_REQ,
    C2S_CREATEACCOUNT,
    S2C_CREATEACCOUNT_ACK,
    S2C_CREATEACCOUNT_NACK,
    C2S_CREATECHARACTER,
    S2C_CREATECHARACTER_ACK,
    S2C_CREATECHARACTER_NACK,
    S2C_CONNECT_NACK,
    C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED,
    S2C_LOGIN_MESSAGE_NACK,
    P2S_CREATECHARACTER,
    P2S_CREATEACCOUNT,
    C2S_LOGIN_SENDUSERNAMEANDPASSWORD,
    S2C_UPDATE,
    C2S_UPDATE_RESPONSE,
    C2S_LOGIN_WITH_TOKEN,
    C2S_CREATE_ACCOUNT_WITH_TOKEN;

    private static final MessageType[] BY_ID = values();

    public int id() {
        return ordinal();
    }

    /** The type with that wire id, or null. */
    public static MessageType byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
