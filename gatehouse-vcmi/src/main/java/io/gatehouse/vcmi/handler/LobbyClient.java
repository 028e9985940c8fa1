package io.gatehouse.vcmi.handler;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.time.Deadline;
import io.gatehouse.vcmi.codec.LobbyEncoding;
import io.netty.channel.Channel;

/**
 * One vcmi connection as the lobby sees it: the line its replies go on (its channel, or a
 * stand-in's link to the node it is on) and, once it spoke, whether it is a lobby user or a
 * pipe, with the user's lobby state. Touched only on the lobby's actor thread,
 * but for {@link #handshakeLimit}, which any thread may stop.
 */
final class LobbyClient {

    enum Kind { UNKNOWN, LOBBY, PIPE }

    final LobbyLine line;
    final String address;
    /** This connection's faults; reported on the actor thread only. */
    final ClientFaults.Tracker faults;
    /** Runs from accept until the connection has proven what it is (section 8); stopped then. */
    final Deadline handshakeLimit;
    Kind kind = Kind.UNKNOWN;
    int protocol;
    LobbyEncoding encoding = LobbyEncoding.UTF8;
    boolean greeted;
    String username = "";
    String vcmiVersion = "";
    String chatChannel = VcmiLobby.GLOBAL;
    boolean joined;
    String roomName = "";
    boolean ready;
    long healthCredit;
    /** Packets and their bytes (length fields included) received before the greeting. */
    int packetsBeforeGreeting;
    long bytesBeforeGreeting;
    /** The silence limit of a greeted user the health check does not cover; null otherwise. */
    Deadline idleLimit;
    /** This user as a core session, from its greeting; null before. */
    LobbySession session;
    /** Set once the lobby has handled this client's going (section 6 runs once). */
    boolean gone;

    LobbyClient(Channel channel, ClientFaults faults, Deadline handshakeLimit) {
        this(new ChannelLine(channel), faults, handshakeLimit);
    }

    LobbyClient(LobbyLine line, ClientFaults faults, Deadline handshakeLimit) {
        this.line = line;
        this.address = line.address();
        this.faults = faults.connection(address);
        this.handshakeLimit = handshakeLimit;
    }

    boolean isLobby() {
        return kind == Kind.LOBBY;
    }

    /** Writes the text in the client's encoding, unmappable characters as {@code ?}, with no framing. */
    void write(String text) {
        line.write(encoding.encode(text));
    }

    /** Closes once everything written so far has gone out. */
    void closeAfterWrites() {
        line.closeAfterWrites();
    }

    @Override
    public String toString() {
        return username.isEmpty() ? address : username + "@" + address;
    }
}
