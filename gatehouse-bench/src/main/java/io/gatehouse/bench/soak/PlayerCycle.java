package io.gatehouse.bench.soak;

import java.net.InetSocketAddress;

/** One player's visit, all its connections made from {@code local}, an address no other visit holds meanwhile. */
@FunctionalInterface
interface PlayerCycle {

    void run(long n, InetSocketAddress local) throws Exception;

    /** The visit as a cycle of a {@link PacedLoop}: it takes a player address first and gives it back after. */
    static PacedLoop.Cycle from(SourceAddresses players, PlayerCycle visit) {
        return n -> {
            InetSocketAddress local = players.acquire();
            if (local == null) {
                throw new IllegalStateException("no player address free");
            }
            try {
                visit.run(n, local);
            } finally {
                players.release(local);
            }
        };
    }
}
