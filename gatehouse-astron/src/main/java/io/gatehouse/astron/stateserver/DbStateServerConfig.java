package io.gatehouse.astron.stateserver;

import java.util.List;

/**
 * One {@code dbss} role of an astrond config (docs/protocol/astron.md, section 9.2).
 *
 * @param database the Database Server's control channel, where its objects are read and written
 * @param ranges   the object ids it serves, each range inclusive
 */
public record DbStateServerConfig(long database, List<Range> ranges) {

    public DbStateServerConfig {
        ranges = List.copyOf(ranges);
    }

    /** Object ids {@code min} to {@code max}, both included. */
    public record Range(long min, long max) {
    }
}
