package io.gatehouse.core.cluster;

import java.util.Optional;

/**
 * What one node of a cluster alone may serve, by name: a front claims each such thing before it
 * serves it (astron's State Server claims its channel), so that a second node configured to
 * serve it too is refused at its start instead of answering every message a second time. A
 * claim lasts as long as its node is in the cluster.
 */
public interface Claims {

    /**
     * Claims {@code name} for this node: empty once this node holds it (it may have already),
     * else the name of the node that holds it.
     */
    Optional<String> claim(String name);

    /** A node alone: there is no one to share anything with. */
    Claims ALONE = name -> Optional.empty();
}
