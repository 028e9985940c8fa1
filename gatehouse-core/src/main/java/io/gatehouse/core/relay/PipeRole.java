package io.gatehouse.core.relay;

/** Which side of a game connection a pipe is: the host's game server or a player's game client. */
public enum PipeRole {
    SERVER,
    CLIENT
}
