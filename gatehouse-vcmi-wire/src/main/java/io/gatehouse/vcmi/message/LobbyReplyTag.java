package io.gatehouse.vcmi.message;

/**
 * The tags of the lobby's replies (docs/protocol/vcmi.md section 5): each reply is written as
 * {@code :>>}, the tag's name, {@code :} and its fields.
 */
public enum LobbyReplyTag {
    ERROR,
    MSG,
    MSGCH,
    USERS,
    SESSIONS,
    CREATED,
    JOIN,
    STATUS,
    KICK,
    GAMEMODE,
    MODS,
    MODSOTHER,
    CHANNEL,
    HOST,
    START,
    HEALTH
}
