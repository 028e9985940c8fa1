package io.gatehouse.vcmi.handler;

import io.netty.channel.Channel;

/**
 * Where this node's lobby connections find the lobby: here ({@link #HERE}, a node alone), or
 * wherever the cluster's {@link LobbyLink} says at the moment a connection first speaks.
 */
interface LobbyPlace {

    /** Always this node's own lobby. */
    LobbyPlace HERE = new LobbyPlace() {
        @Override
        public boolean lobbyHere() {
            return true;
        }

        @Override
        public ForwardedMember forward(Channel channel, byte[] firstPacket) {
            throw new IllegalStateException("a node alone forwards no lobby connection");
        }
    };

    /** Whether a lobby connection that first speaks now is a member of this node's lobby. */
    boolean lobbyHere();

    /** A lobby connection of this node made a member of the lobby on another node; its first packet follows. */
    ForwardedMember forward(Channel channel, byte[] firstPacket);
}
