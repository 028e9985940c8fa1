package io.gatehouse.marauroa.codec;

import io.gatehouse.marauroa.message.WireIds;

/**
 * Marauroa's message types with their wire ids (docs/protocol/marauroa.md, section 3), each
 * written out: the type byte is the number, not a position that reordering would change.
 */
public enum MessageType {
    C2S_ACTION(0),
    C2S_CHOOSECHARACTER(1),
    C2S_LOGIN_REQUESTKEY(2),
    C2S_LOGIN_SENDNONCENAMEANDPASSWORD(3),
    C2S_LOGIN_SENDPROMISE(4),
    C2S_LOGOUT(5),
    C2S_OUTOFSYNC(6),
    C2S_TRANSFER_ACK(7),
    C2S_KEEPALIVE(8),
    S2C_CHARACTERLIST(9),
    S2C_CHOOSECHARACTER_ACK(10),
    S2C_CHOOSECHARACTER_NACK(11),
    S2C_INVALIDMESSAGE(12),
    S2C_LOGIN_ACK(13),
    S2C_LOGIN_NACK(14),
    S2C_LOGIN_SENDKEY(15),
    S2C_LOGIN_SENDNONCE(16),
    S2C_LOGOUT_ACK(17),
    S2C_LOGOUT_NACK(18),
    S2C_PERCEPTION(19),
    S2C_SERVERINFO(20),
    S2C_TRANSFER(21),
    S2C_TRANSFER_REQ(22),
    C2S_CREATEACCOUNT(23),
    S2C_CREATEACCOUNT_ACK(24),
    S2C_CREATEACCOUNT_NACK(25),
    C2S_CREATECHARACTER(26),
    S2C_CREATECHARACTER_ACK(27),
    S2C_CREATECHARACTER_NACK(28),
    S2C_CONNECT_NACK(29),
    C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED(30),
    S2C_LOGIN_MESSAGE_NACK(31),
    P2S_CREATECHARACTER(32),
    P2S_CREATEACCOUNT(33),
    C2S_LOGIN_SENDUSERNAMEANDPASSWORD(34),
    S2C_UPDATE(35),
    C2S_UPDATE_RESPONSE(36),
    C2S_LOGIN_WITH_TOKEN(37),
    C2S_CREATE_ACCOUNT_WITH_TOKEN(38);

    private static final MessageType[] BY_ID = WireIds.table(values(), MessageType::id);

    private final int id;

    MessageType(int id) {
        this.id = id;
    }

    /** The type byte on the wire. */
    public int id() {
        return id;
    }

    /** True for the messages only a server sends (Marauroa names them S2C_). */
    public boolean sentByServer() {
        return name().startsWith("S2C_");
    }

    /** The type with that wire id, or null. */
    public static MessageType byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
