package io.gatehouse.core.store;

/**
 * A write refused before it reached the store: as many writes wait for the group commit as it
 * holds. The caller answers its client that the server is busy; the refusals are counted and
 * logged by the committer, not by each caller.
 */
public final class StoreBusyException extends RuntimeException {

    public StoreBusyException(int waiting) {
        super("store busy: " + waiting + " writes wait for the group commit");
    }
}
