package io.gatehouse.control.handler;

import io.gatehouse.control.ControlConfig;
import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.metrics.FrontMetrics;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import java.util.concurrent.Executor;

/**
 * What a control connection needs from the core. {@code blocking} runs store calls so that
 * they never stall an event loop; {@code db} lets an auth commit its writes as one transaction.
 */
public record ControlServices(ControlConfig config, Database db, AccountService accounts, TokenService tokens, SessionRegistry sessions,
                              Bus bus, Scheduler scheduler, Executor blocking, FrontMetrics metrics, TopicHub hub) {
}
