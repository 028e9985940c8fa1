package io.gatehouse.vcmi.message;

/**
 * Every text an {@code :>>ERROR:} reply carries (docs/protocol/vcmi.md sections 3, 5, 6 and 8),
 * spelt as the original spells them, mistakes included ({@code occpupied}, {@code Insuficcient}).
 * A text with {@code {}} takes a subject, the name the client gave; the others take none.
 */
public enum LobbyError {

    // Section 3: a first packet that is no handshake.
    HANDSHAKE_TOO_SHORT("Too short username"),
    PROTOCOL_INCOMPATIBLE("Cannot connect to remote server due to protocol incompatibility"),
    BAD_ENCODING("Protocol error or incorrect encoding"),

    // Section 5: GREETINGS.
    ALREADY_AUTHORIZED("User already authorized"),
    USERNAME_TOO_SHORT("Too short username {}"),
    USERNAME_RESERVED("Username {} is reserved by system"),
    USERNAME_INVALID("Invalid username"),
    USERNAME_TAKEN("Can't connect with the name {}. This login is already occpupied"),

    // Section 5: rooms and channels (CHANNEL answers an unknown channel with NEW's text, sic).
    ROOM_NAME_TAKEN("Cannot create session with name {}, session with this name already exists"),
    ROOM_NAME_INVALID("Cannot create session with invalid name {}"),
    INCORRECT_PASSWORD("Incorrect password"),
    COUNT_ALREADY_SET("Changing amount of players is not possible for existing session"),
    COUNT_INVALID("Cannot create room with invalid amount of players"),
    NO_SUCH_ROOM("Room with name {} doesn't exist"),
    ROOM_FULL("Room {} is full"),
    NOT_HOST("Insuficcient permissions"),

    // Section 8: capacity and admission (Gatehouse).
    SERVER_FULL("Server is full"),
    ADDRESS_FULL("Too many connections from your address"),
    LOGIN_TIMED_OUT("Login timed out"),
    TOO_MUCH_BEFORE_LOGIN("Too many messages before login"),
    INACTIVE("Disconnected for inactivity"),

    // Section 6: the core ends a session (Gatehouse); the subject is the core's reason.
    SHUTTING_DOWN("Server is shutting down"),
    // A cluster's lobby node went (Gatehouse): its users on other nodes are closed and connect again.
    LOBBY_LOST("Lobby server lost, please reconnect"),
    KICKED_BY_OPERATOR("Kicked by an operator"),
    DISCONNECTED("Disconnected: {}");

    private static final String SUBJECT = "{}";

    private final String before;
    private final String after;
    private final boolean takesSubject;

    LobbyError(String template) {
        int at = template.indexOf(SUBJECT);
        this.takesSubject = at >= 0;
        this.before = takesSubject ? template.substring(0, at) : template;
        this.after = takesSubject ? template.substring(at + SUBJECT.length()) : "";
    }

    public boolean takesSubject() {
        return takesSubject;
    }

    /** The reply with this text; for a text without a subject. */
    public LobbyReply.Error reply() {
        return new LobbyReply.Error(this, null);
    }

    /** The reply with this text about {@code subject}; for a text with one. */
    public LobbyReply.Error reply(String subject) {
        return new LobbyReply.Error(this, subject);
    }

    /** The text, with {@code subject} in its place (null for a text that takes none). */
    public String text(String subject) {
        return takesSubject ? before + subject + after : before;
    }
}
