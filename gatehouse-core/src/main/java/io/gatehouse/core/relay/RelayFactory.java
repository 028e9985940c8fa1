package io.gatehouse.core.relay;

import java.time.Duration;

/**
 * Makes a front's relay: a {@link LocalRelay} on a node alone, the cluster's relay on a
 * clustered node (which the composition root closes after the fronts).
 */
@FunctionalInterface
public interface RelayFactory {

    /** A relay whose games without pipes are kept for {@code grace}. */
    Relay create(Duration grace);
}
