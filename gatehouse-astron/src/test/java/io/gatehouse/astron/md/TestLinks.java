package io.gatehouse.astron.md;

import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;
import org.slf4j.LoggerFactory;

/** Links with the default limits, on a clock that never moves, for tests that do not look at them. */
public final class TestLinks {

    private TestLinks() {
    }

    public static MdLinks defaults() {
        return new MdLinks(MdLinkConfig.defaults(), new ManualScheduler(), FrontMetrics.discarding("astron_md"));
    }

    /** Faults of a cluster role, counted nowhere, logged to the role's logger, on a clock that never moves. */
    public static ClientFaults faults(Class<?> role) {
        return FrontMetrics.discarding("astron_md").clientFaults(LoggerFactory.getLogger(role), () -> 0);
    }
}
