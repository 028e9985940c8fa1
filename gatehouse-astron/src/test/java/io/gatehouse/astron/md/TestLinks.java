package io.gatehouse.astron.md;

import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.testing.ManualScheduler;

/** Links with the default limits, on a clock that never moves, for tests that do not look at them. */
public final class TestLinks {

    private TestLinks() {
    }

    public static MdLinks defaults() {
        return new MdLinks(MdLinkConfig.defaults(), new ManualScheduler(), FrontMetrics.discarding("astron_md"));
    }
}
