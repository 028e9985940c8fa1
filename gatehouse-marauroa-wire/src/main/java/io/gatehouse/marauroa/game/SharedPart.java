package io.gatehouse.marauroa.game;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The compressed shared part of one zone's perception in one turn, made once per protocol
 * version however many players of the zone receive it (as Marauroa caches it).
 */
public final class SharedPart {

    private final Map<Integer, byte[]> byVersion = new HashMap<>();

    /** The bytes for {@code version}, made by {@code make} the first time they are asked for. */
    public synchronized byte[] bytes(int version, IntFunction<byte[]> make) {
        return byVersion.computeIfAbsent(version, make::apply);
    }
}
