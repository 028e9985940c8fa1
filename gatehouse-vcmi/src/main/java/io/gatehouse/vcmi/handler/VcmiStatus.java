package io.gatehouse.vcmi.handler;

import java.util.List;

/**
 * What an operator sees of the vcmi front at one moment: the lobby's rooms not started yet, and
 * the started games that have pipes attached on this node, each pipe with the bytes its client
 * sent so far (a reader takes two of these to tell bytes per second).
 */
public record VcmiStatus(long atMillis, List<RoomStatus> rooms, List<GameStatus> games) {

    /** A room: its name, host, players (host first) with their ready flags, places, password. */
    public record RoomStatus(String name, String host, List<PlayerStatus> players, int total, boolean passworded) {
    }

    public record PlayerStatus(String name, boolean ready) {
    }

    /** A started game: its room's name and its pipes. */
    public record GameStatus(String name, List<PipeStatus> pipes) {
    }

    /**
     * One pipe: the player it was started for ({@code "?"} when the game is older than what the
     * lobby remembers), its role ({@code server} for the host), its client's address, whether its
     * peer is there, the bytes its client sent through it, and whether the kernel moves them now
     * (splice(2), section 4) rather than the JVM.
     */
    public record PipeStatus(String player, String role, String address, boolean paired, long bytes, boolean spliced) {
    }
}
