package io.gatehouse.core.session;

import java.util.concurrent.CompletableFuture;

/**
 * How a front takes over something of an account's (a marauroa character in the game, say) that
 * another node of its cluster holds: the node that takes over asks, every node that holds it
 * lets go (stores it, closes its connection) and answers, and the taker goes on once each live
 * node has answered. On a node alone there is nobody to ask ({@link #ALONE}).
 */
public interface Handovers {

    /** What a front does when another node takes over one of its account's things. */
    @FunctionalInterface
    interface Holder {
        /**
         * Lets go of {@code name} of the account if this node holds it: completes once what it
         * held is stored (true), or at once when it held nothing (false).
         */
        CompletableFuture<Boolean> letGo(long accountId, String name);
    }

    /** Makes {@code holder} the one that lets go of {@code front}'s things on this node. */
    void serve(String front, Holder holder);

    /**
     * Asks every other live node to let go of the account's {@code name} on {@code front};
     * completes once each has answered, or once the cluster's patience has run out (then the
     * taker goes on with what the store has).
     */
    CompletableFuture<Void> takeOver(String front, long accountId, String name);

    /** A node alone: nobody else can hold anything. */
    Handovers ALONE = new Handovers() {
        @Override
        public void serve(String front, Holder holder) {
        }

        @Override
        public CompletableFuture<Void> takeOver(String front, long accountId, String name) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
