package io.gatehouse.vcmi.handler;

import io.gatehouse.core.session.CloseReason;

/**
 * Where the lobby's words to one connection go: the connection's own channel on this node
 * ({@link ChannelLine}), or, for a connection on another node of the cluster, a stand-in that
 * carries them there ({@link StandInLine}). Called on the lobby's actor thread only.
 */
interface LobbyLine {

    /** The client's address, {@code host:port}. */
    String address();

    /** Writes encoded reply text, with no framing. */
    void write(byte[] bytes);

    /** Names why the connection is about to close, for the front's meters; the first reason named counts. */
    void closing(CloseReason reason);

    /** Closes once everything written so far has gone out. */
    void closeAfterWrites();
}
