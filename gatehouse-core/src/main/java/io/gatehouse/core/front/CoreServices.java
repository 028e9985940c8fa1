package io.gatehouse.core.front;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.ApiKeyService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.cluster.Claims;
import io.gatehouse.core.cluster.NodeMail;
import io.gatehouse.core.cluster.Seniority;
import io.gatehouse.core.cluster.Wills;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.limits.LimitsConfig;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.limits.LoginThrottle;
import io.gatehouse.core.metrics.Refusals;
import io.gatehouse.core.relay.RelayFactory;
import io.gatehouse.core.session.Handovers;
import io.gatehouse.core.session.SessionGrants;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.store.Database;
import io.gatehouse.core.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * The core's services, as the composition root built them, for the fronts and the HTTP API.
 *
 * @param grants   token logins and reconnects: what a front calls to open or resume a session
 * @param handovers how a front takes over what another node of its cluster holds of an account
 * @param wills    where a front keeps what its connections asked to be sent when they go, so
 *                 that another node of its cluster sends it when this one dies
 * @param claims   what one node of the cluster alone may serve, claimed before serving it ({@link Claims#ALONE} alone)
 * @param database the store, for a front's own tables through the core's store classes
 *                 ({@code ObjectStore}, {@code CharacterStore}, ...)
 * @param io       the event loops every listener and connection runs on
 * @param blocking the executor for store calls, never an event loop
 * @param dataDir  where the server keeps its files (keys, the embedded database)
 * @param relays   the relay a front that pairs byte pipes (vcmi) uses: in-process, or across the cluster
 * @param seniority which node runs what the cluster runs once (vcmi's lobby); a node alone is its own eldest
 * @param mail     what nodes say among themselves, out of the clients' reach (vcmi's lobby link)
 */
public record CoreServices(Scheduler scheduler, Database database, AccountService accounts, TokenService tokens,
                           ApiKeyService apiKeys, SessionRegistry sessions, SessionGrants grants, Handovers handovers, Wills wills, Claims claims, Bus bus, MeterRegistry meters, EventLoopGroup io,
                           ExecutorService blocking, LimitsConfig limits, Path dataDir,
                           RelayFactory relays, Seniority seniority, NodeMail mail) {

    /** A throttle of one login path under the shared {@code limits}: exemptions and the bound of addresses tracked. */
    public LoginThrottle throttle(LoginLimits logins, Refusals refusals, String counted) {
        return new LoginThrottle(logins, limits.exempt(), limits.maxTracked(), scheduler::nowMillis, refusals, counted);
    }
}
