package io.gatehouse.core.lobby;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A lobby room: a host, the players who joined (host first), a player count set once, an
 * optional password, the host's mods, a game mode and whether the game started. Not
 * thread-safe: a room lives inside its lobby's single-threaded actor.
 *
 * @param <M> the front's player type
 */
public final class Room<M> {

    /** A room counts one player until its host sets the total. */
    public static final int UNSET_TOTAL = 1;

    private final String name;
    private final M host;
    private final List<M> players = new ArrayList<>();
    private final Map<String, String> mods = new LinkedHashMap<>();
    private int total = UNSET_TOTAL;
    private String password = "";
    /** A whole number of any size: the vcmi front takes what Python's int() takes. */
    private BigInteger gameMode = BigInteger.ZERO;
    private boolean started;

    public Room(String name, M host) {
        this.name = name;
        this.host = host;
        this.players.add(host);
    }

    public String name() {
        return name;
    }

    public M host() {
        return host;
    }

    public List<M> players() {
        return Collections.unmodifiableList(players);
    }

    public int joined() {
        return players.size();
    }

    public int total() {
        return total;
    }

    public void total(int total) {
        this.total = total;
    }

    public boolean isProtected() {
        return !password.isEmpty();
    }

    public boolean passwordMatches(String given) {
        return !isProtected() || password.equals(given);
    }

    public void password(String password) {
        this.password = password;
    }

    public BigInteger gameMode() {
        return gameMode;
    }

    public void gameMode(BigInteger mode) {
        this.gameMode = mode;
    }

    public boolean started() {
        return started;
    }

    public void markStarted() {
        started = true;
    }

    /** The mods in the order they were first named. */
    public Map<String, String> mods() {
        return Collections.unmodifiableMap(mods);
    }

    public void putMod(String name, String version) {
        mods.put(name, version);
    }

    public boolean contains(M player) {
        return players.contains(player);
    }

    /** Adds the player when not in the room and the room is not full; returns whether it did. */
    public boolean join(M player) {
        if (contains(player) || players.size() >= total) {
            return false;
        }
        players.add(player);
        return true;
    }

    /** Removes a player other than the host; the host leaves only by destroying the room. */
    public boolean leave(M player) {
        return player != host && players.remove(player);
    }

    /** True when every player satisfies {@code ready}. */
    public boolean allReady(Predicate<M> ready) {
        return players.stream().allMatch(ready);
    }
}
