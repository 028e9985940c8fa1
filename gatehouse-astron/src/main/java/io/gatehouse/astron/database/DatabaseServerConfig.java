package io.gatehouse.astron.database;

/**
 * The Database Server's settings ({@code astron.database} in the config).
 *
 * @param enabled   whether the role runs
 * @param channel   its control channel
 * @param minId     the lowest object id it hands out
 * @param maxId     the highest object id it hands out
 * @param broadcast whether changes are broadcast on the objects' database channels
 */
public record DatabaseServerConfig(boolean enabled, long channel, long minId, long maxId, boolean broadcast) {

    public static DatabaseServerConfig defaults() {
        return new DatabaseServerConfig(true, 402_001, 100_000_000, 0xFFFF_FFFFL, true);
    }
}
