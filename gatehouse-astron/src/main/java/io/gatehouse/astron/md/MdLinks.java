package io.gatehouse.astron.md;

import io.gatehouse.astron.eventlog.EventSender;
import io.gatehouse.core.metrics.ClientFaults;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.time.Scheduler;
import org.slf4j.LoggerFactory;

/**
 * What every link of one Message Director listener shares: its limits, the clock of its
 * first-message deadline, the meters its opens, closes and faults are counted in
 * ({@code front="astron_md"} in the server), and where the events they hand over go.
 */
public final class MdLinks {

    private final MdLinkConfig config;
    private final Scheduler scheduler;
    private final FrontMetrics metrics;
    private final ClientFaults faults;
    private final EventSender events;

    /** Links whose CONTROL_LOG_MESSAGE events go nowhere. */
    public MdLinks(MdLinkConfig config, Scheduler scheduler, FrontMetrics metrics) {
        this(config, scheduler, metrics, EventSender.NONE);
    }

    /** Links that send the events of their CONTROL_LOG_MESSAGEs to {@code events}, as astrond's MD does. */
    public MdLinks(MdLinkConfig config, Scheduler scheduler, FrontMetrics metrics, EventSender events) {
        this.events = events;
        this.config = config;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.faults = metrics.clientFaults(LoggerFactory.getLogger(MdNetworkParticipant.class), scheduler::nowMillis);
    }

    public MdLinkConfig config() {
        return config;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    FrontMetrics metrics() {
        return metrics;
    }

    ClientFaults faults() {
        return faults;
    }

    EventSender events() {
        return events;
    }
}
