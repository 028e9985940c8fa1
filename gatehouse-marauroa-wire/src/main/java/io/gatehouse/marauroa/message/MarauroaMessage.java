package io.gatehouse.marauroa.message;

import io.gatehouse.marauroa.codec.MessageType;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.game.SharedPart;
import java.util.List;
import java.util.Map;

/**
 * The messages of the Marauroa protocol (docs/protocol/marauroa.md, section 4),
 * as immutable records without their header. Byte arrays are the wire bytes as they are.
 */
public sealed interface MarauroaMessage {

    MessageType type();

    // ---- client to server ----

    /** Starts a login: the client's game name and version. */
    record LoginRequestKey(String game, String version) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_REQUESTKEY;
        }
    }

    /** The hash of the client's nonce, and the client's language (null when the client sent none). */
    record LoginSendPromise(byte[] nonceHash, String language) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_SENDPROMISE;
        }
    }

    /** The client's nonce, the username, and the RSA-encrypted, nonce-masked password hash. */
    record LoginSendNonceNameAndPassword(byte[] nonce, String username, byte[] encryptedPassword) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_SENDNONCENAMEANDPASSWORD;
        }
    }

    /** A login outside the secure channel: the password in clear (the server hashes it at once). */
    record LoginSendUsernameAndPassword(String username, String password) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_SENDUSERNAMEANDPASSWORD;
        }
    }

    /** The secure login with a web login seed (encrypted like the password). */
    record LoginSendNonceNamePasswordAndSeed(byte[] nonce, String username, byte[] encryptedPassword, byte[] encryptedSeed)
            implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_SENDNONCENAMEPASSWORDANDSEED;
        }
    }

    /** A login with a third party's token (its session key and token encrypted). */
    record LoginWithToken(byte[] nonce, byte[] encryptedSessionKey, byte[] initVector, String username, String tokenType,
                          byte[] encryptedToken) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGIN_WITH_TOKEN;
        }
    }

    record CreateAccountWithToken(String username, String tokenType, String token, String language) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_CREATE_ACCOUNT_WITH_TOKEN;
        }
    }

    /** A trusted proxy (a web site) creates an account for a user; {@code credentials} must match the configured ones. */
    record ProxyCreateAccount(String credentials, String forwardedFor, String username, String password, String email)
            implements MarauroaMessage {
        public MessageType type() {
            return MessageType.P2S_CREATEACCOUNT;
        }
    }

    record ProxyCreateCharacter(String credentials, String forwardedFor, String username, String character, RPObject template)
            implements MarauroaMessage {
        public MessageType type() {
            return MessageType.P2S_CREATECHARACTER;
        }
    }

    /** The client's answer to S2C_UPDATE. */
    record UpdateResponse(String response) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_UPDATE_RESPONSE;
        }
    }

    /** A software update for the client, as the game provides it. */
    record Update(byte[] update) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_UPDATE;
        }
    }

    /** A new account, password in clear (as Marauroa sends it); language null when absent. */
    record CreateAccount(String username, String password, String email, String language) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_CREATEACCOUNT;
        }
    }

    /** A new character from a template object (written at the normal detail level). */
    record CreateCharacter(String character, RPObject template) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_CREATECHARACTER;
        }
    }

    record ChooseCharacter(String character) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_CHOOSECHARACTER;
        }
    }

    /** Asks to log out; reason 0 when the client sent none. */
    record Logout(int reason) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_LOGOUT;
        }
    }

    /** A player's action (attributes only); {@code window} the client's window byte, or null when not sent. */
    record Action(RPObject action, Integer window) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_ACTION;
        }
    }

    /** The client lost track: the next perception is to be a TOTAL one. */
    record OutOfSync() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_OUTOFSYNC;
        }
    }

    /** The client's answer to S2C_TRANSFER_REQ: for each offered name, whether it wants the content. */
    record TransferAck(Map<String, Boolean> wanted) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_TRANSFER_ACK;
        }
    }

    record KeepAlive() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.C2S_KEEPALIVE;
        }
    }

    // ---- server to client ----

    /** The server's RSA public key: modulus and exponent as two's-complement big-endian bytes. */
    record LoginSendKey(byte[] modulus, byte[] exponent) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGIN_SENDKEY;
        }
    }

    record LoginSendNonce(byte[] nonce) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGIN_SENDNONCE;
        }
    }

    /** The login is accepted; the account's previous logins, newest first. */
    record LoginAck(List<String> previousLogins) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGIN_ACK;
        }
    }

    record LoginNack(LoginNackReason reason) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGIN_NACK;
        }
    }

    /** A login refused with a text of the server's (a ban message, for instance). */
    record LoginMessageNack(String reason) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGIN_MESSAGE_NACK;
        }
    }

    record InvalidMessage(String reason) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_INVALIDMESSAGE;
        }
    }

    record ConnectNack() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CONNECT_NACK;
        }
    }

    record CreateAccountAck(String username) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CREATEACCOUNT_ACK;
        }
    }

    record CreateAccountNack(AccountResult result) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CREATEACCOUNT_NACK;
        }
    }

    /** The server's description lines and the game's RPClasses. */
    record ServerInfo(List<String> contents, RPClasses classes) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_SERVERINFO;
        }
    }

    /** The account's characters by name, each with its object (sent from version 32 on). */
    record CharacterList(List<String> characters, List<RPObject> objects) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CHARACTERLIST;
        }
    }

    record CreateCharacterAck(String character, RPObject object) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CREATECHARACTER_ACK;
        }
    }

    record CreateCharacterNack(AccountResult result) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CREATECHARACTER_NACK;
        }
    }

    record ChooseCharacterAck() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CHOOSECHARACTER_ACK;
        }
    }

    record ChooseCharacterNack() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_CHOOSECHARACTER_NACK;
        }
    }

    /**
     * One turn's view for one player: the zone's shared lists (NORMAL level) and, for the
     * player's own object, what only it sees (PRIVATE level; null when nothing).
     */
    record PerceptionMessage(Perception perception, int timestamp, RPObject myAdded, RPObject myDeleted, SharedPart shared)
            implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_PERCEPTION;
        }

        /** A perception whose shared part is encoded for this message alone. */
        public PerceptionMessage(Perception perception, int timestamp, RPObject myAdded, RPObject myDeleted) {
            this(perception, timestamp, myAdded, myDeleted, new SharedPart());
        }

        /** Nothing in it: no object added, changed or removed, and nothing of the player's own. */
        public boolean isEmpty() {
            return perception.added().isEmpty() && perception.modifiedAdded().isEmpty() && perception.modifiedDeleted().isEmpty()
                    && perception.deleted().isEmpty() && myAdded == null && myDeleted == null;
        }
    }

    /** Content offered to the client (the data is not sent yet). */
    record TransferReq(List<Content> offered) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_TRANSFER_REQ;
        }
    }

    /** Content the client asked for, with its data. */
    record Transfer(List<Content> contents) implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_TRANSFER;
        }
    }

    record LogoutAck() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGOUT_ACK;
        }
    }

    record LogoutNack() implements MarauroaMessage {
        public MessageType type() {
            return MessageType.S2C_LOGOUT_NACK;
        }
    }
}
