package io.gatehouse.core.store;

/**
 * Writes that were acknowledged before they reached the store (a login journal's): a reader of
 * the rows they make waits for them first, so that it never reads the store as it was before
 * an answer the server gave.
 */
@FunctionalInterface
public interface PendingWrites {

    /** Nothing is ever pending: every write reaches the store before its answer. */
    PendingWrites NONE = () -> { };

    /**
     * Returns once every write acknowledged before the call is in the store.
     *
     * @throws StoreException when they could not be written in time (the store is failing)
     */
    void awaitApplied();
}
