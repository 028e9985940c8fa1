package io.gatehouse.astron.eventlog;

import io.gatehouse.core.transport.HostPort;
import java.util.List;
import java.util.Optional;

/**
 * The event log of an astron node (docs/protocol/astron.md, section 14): the event loggers it
 * runs, and where its roles send their events.
 *
 * @param loggers the event logger roles, each on its own address; none by default
 * @param sendTo  the event logger the roles send to; empty (the default): they send none
 */
public record EventLogConfig(List<EventLoggerConfig> loggers, Optional<HostPort> sendTo) {

    public EventLogConfig {
        loggers = List.copyOf(loggers);
    }

    /** No event logger, and no events sent. */
    public static EventLogConfig off() {
        return new EventLogConfig(List.of(), Optional.empty());
    }
}
