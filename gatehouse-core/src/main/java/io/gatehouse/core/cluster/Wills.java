package io.gatehouse.core.cluster;

import io.gatehouse.core.time.Cancellable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a front keeps a copy of what its connections asked to be sent when they go (astron's
 * post-removes), beyond the front's own memory: in a cluster, the shared store, so that when
 * this node dies another node sends them ({@link StoredWills}). The front still sends them
 * itself when a connection goes while its node runs, and then {@linkplain #forget forgets} them
 * here. Writes are queued in the order they are made and never block the caller.
 */
public interface Wills {

    /** Whether anything is kept: false on a node alone, whose wills die with it. */
    boolean kept();

    /** Keeps {@code body} for {@code owner} of {@code front}, filed under {@code group}, after those kept before. */
    void add(String front, long owner, long group, byte[] body);

    /** Forgets what {@code owner} of {@code front} filed under {@code group}. */
    void clear(String front, long owner, long group);

    /** Forgets everything of {@code owner} of {@code front} (the front has sent it). */
    void forget(String front, long owner);

    /**
     * Makes {@code sender} the one that sends {@code front}'s wills left by nodes that are gone:
     * at once those this node's earlier run left (and those of nodes judged gone while no node
     * served them), later those of each node this node judges gone. It gets each node's wills
     * in the order they were added, already deleted from the store, on the thread that found
     * them (the caller's at once, the membership's beat thread later). Cancel the answer before
     * the sender can send no more (its front stops): what is found after is left for others.
     */
    Cancellable serve(String front, Consumer<List<Will>> sender);

    /** A node alone: nothing is kept, nobody else would send it. */
    Wills ALONE = new Wills() {
        @Override
        public boolean kept() {
            return false;
        }

        @Override
        public void add(String front, long owner, long group, byte[] body) {
        }

        @Override
        public void clear(String front, long owner, long group) {
        }

        @Override
        public void forget(String front, long owner) {
        }

        @Override
        public Cancellable serve(String front, Consumer<List<Will>> sender) {
            return Cancellable.NONE;
        }
    };
}
