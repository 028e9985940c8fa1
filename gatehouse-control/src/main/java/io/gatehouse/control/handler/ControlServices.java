package io.gatehouse.control.handler;

import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.SessionGrants;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.time.Scheduler;

/**
 * What a control connection needs from the core. {@code grants} turns tokens and session ids
 * into sessions (the core writes them, off the event loop, before it answers); {@code logins}
 * throttles failed auths and reconnects per address before any of that work starts.
 */
public record ControlServices(ControlConfig config, SessionGrants grants, SessionRegistry sessions, Scheduler scheduler,
                              FrontMetrics metrics, TopicHub hub, LoginThrottle logins) {
}
