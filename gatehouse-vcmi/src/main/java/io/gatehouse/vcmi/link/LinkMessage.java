package io.gatehouse.vcmi.link;

import io.gatehouse.core.session.CloseReason;

/**
 * What a node says to the cluster's lobby node about a lobby connection it holds, and what the
 * lobby node answers (docs/protocol/vcmi.md, "Lobby across cluster nodes"). A connection is
 * named by its node's name and a number that node gave it.
 */
public sealed interface LinkMessage {

    /** Messages to the lobby node, each naming the connection's node. */
    sealed interface ToLobby extends LinkMessage {
        String node();

        long conn();
    }

    /** Messages to a connection's node. */
    sealed interface ToMember extends LinkMessage {
        long conn();
    }

    /** A new lobby connection from {@code address}; its first packet follows. */
    record Open(String node, long conn, String address) implements ToLobby {
    }

    /** One of the connection's packets, as its frame decoder read it. */
    record Packet(String node, long conn, byte[] bytes) implements ToLobby {
    }

    /** The connection's handshake deadline passed on its node (section 8). */
    record Expired(String node, long conn) implements ToLobby {
    }

    /** The connection closed. */
    record Closed(String node, long conn) implements ToLobby {
    }

    /** The connection's node has handed {@code upTo} bytes of replies to its socket (counted from its opening). */
    record Written(String node, long conn, long upTo) implements ToLobby {
    }

    /** Reply bytes, already in the client's encoding. */
    record Reply(long conn, byte[] bytes) implements ToMember {
    }

    /** The lobby has handled the connection's oldest packet not yet answered so. */
    record Handled(long conn) implements ToMember {
    }

    /** The lobby closes the connection for {@code reason}, once the replies before this are written. */
    record Close(long conn, CloseReason reason) implements ToMember {
    }

    /** The node asked holds no lobby, or the lobby does not know the connection: it is lost (the client should connect again). */
    record Refused(long conn) implements ToMember {
    }
}
