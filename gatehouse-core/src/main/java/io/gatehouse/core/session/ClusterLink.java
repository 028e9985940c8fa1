package io.gatehouse.core.session;

import java.util.concurrent.Executor;

/**
 * What a node's {@link LocalSessionRegistry} needs from the rest of its cluster: a way to ask
 * another node to close a connection there (a session resumed here that was still bound
 * there), and a thread off the event loops for the store writes that follow a connection's end.
 */
public interface ClusterLink {

    /** Asks {@code node} to close the connection holding {@code sessionId}, if it still does; no answer. */
    void closeElsewhere(String node, String sessionId, CloseReason reason, String detail);

    /** Where the registry clears a session's mark when its connection ended here (it blocks on the store). */
    Executor storeWrites();
}
