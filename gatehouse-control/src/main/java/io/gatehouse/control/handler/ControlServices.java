package io.gatehouse.control.handler;

import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.store.GroupCommitter;
import io.gatehouse.core.time.Scheduler;
import java.util.concurrent.Executor;

/**
 * What a control connection needs from the core. {@code blocking} runs store calls so that
 * they never stall an event loop; {@code commits} runs each auth's writes as part of a group
 * transaction, so that auths arriving together share one commit; {@code logins} throttles
 * failed auths and reconnects per address before any of that work starts.
 */
public record ControlServices(ControlConfig config, GroupCommitter commits, AccountService accounts, TokenService tokens, SessionRegistry sessions,
                              Bus bus, Scheduler scheduler, Executor blocking, FrontMetrics metrics, TopicHub hub, LoginThrottle logins) {
}
