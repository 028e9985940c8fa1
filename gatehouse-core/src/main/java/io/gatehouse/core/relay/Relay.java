package io.gatehouse.core.relay;

import java.util.List;

/**
 * Pairs byte pipes by game uuid and role: a started game's host pipe (role SERVER) with a
 * player's pipe (role CLIENT), so that the bytes of one are written to the other. Written so that
 * a network can stand behind it: every answer comes through the {@link PipeEnd} callbacks (on
 * any thread, possibly after {@code attach} returned), and the only objects that cross it are
 * those callbacks; a peer handed to {@link PipeEnd#paired} may be the other pipe itself or a
 * stand-in for one on another node.
 *
 * <p>What every implementation keeps (its contract test is {@code RelayContract} in the core's
 * test jar):
 * <ul>
 *   <li>A pipe is admitted by a game opened with its uuid in that role, and is told
 *       {@code refused} otherwise (no such game, wrong role, or the game's grace ran out).</li>
 *   <li>Pipes pair whichever comes first: a pipe joins the oldest link of its game that lacks its
 *       role, and both ends are told {@code paired} once the link has both.</li>
 *   <li>A pipe that detaches leaves its peer {@code unpaired}, waiting for a new pipe in that role.</li>
 *   <li>A game with no pipe attached is kept for the grace period the relay was made with (from
 *       {@code open}, and again from its last detach), then forgotten.</li>
 * </ul>
 */
public interface Relay {

    /** Registers a started game: its name (for logs), its host's uuid and one uuid per player. */
    void open(String game, String hostUuid, List<String> clientUuids);

    /**
     * Offers a pipe for the game its uuid and role belong to. The answer comes through {@code end}:
     * {@link PipeEnd#paired} once its peer is there, or {@link PipeEnd#refused} when no game
     * admits it.
     */
    void attach(String uuid, PipeRole role, PipeEnd end);

    /** The pipe closed: its peer goes back to waiting; a game left with no pipe starts its grace period. */
    void detach(PipeEnd end);

    /** Games kept on this node now (with pipes attached, or within their grace period). */
    int sessionCount();

    /** Pipes attached on this node now, paired or waiting. */
    int pipeCount();
}
