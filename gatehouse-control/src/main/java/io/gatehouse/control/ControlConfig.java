package io.gatehouse.control;

import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.FrontConfig;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.session.SessionPolicy;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code control} section of the config file. Defaults follow the spec's [rec] values
 * (sections 7.3 to 7.6 and 9). Its token, session, duplicate and limit keys are the core's
 * {@link SessionPolicy}, under the names LongPort gives them.
 *
 * @param websocket         WebSocket listener, or null when off
 * @param websocketPath     the path advertised for WebSocket clients; upgrades on any path are accepted (spec 3.2)
 * @param heartbeatTimeout  silence after which a connection is closed with HeartbeatTimeout
 * @param authTimeout       time from connect to a successful auth or reconnect
 * @param pingInterval      WebSocket Ping period
 * @param tokenTtl          default lifetime of tokens issued over HTTP
 * @param sessionTtl        lifetime of a session id for reconnects
 * @param connectionLimit   live connections one account may hold ({@code limit} in auth answers)
 * @param maxBodyBytes      largest packet body accepted, before and after gunzip
 * @param maxOutboundBytes  bytes queued to a client before it is closed as a slow consumer
 * @param maxTopics         topics one connection may subscribe to
 * @param gzipMinBytes     outbound bodies of this many bytes or more are gzipped; 0 never gzips
 * @param connections      open connections one address may hold, TCP and WebSocket together
 * @param logins           failed auths and reconnects one address may make (successes give theirs back)
 */
public record ControlConfig(boolean enabled, HostPort bind, HostPort websocket, String websocketPath,
                            Duration heartbeatTimeout, Duration authTimeout, Duration pingInterval,
                            Duration tokenTtl, Duration sessionTtl, DuplicatePolicy duplicate,
                            int connectionLimit, int maxBodyBytes, int maxOutboundBytes, int maxTopics, int gzipMinBytes,
                            ConnectionLimit connections, LoginLimits logins) implements FrontConfig {

    /** Failed auths and reconnects one address may make within {@link #DEFAULT_LOGIN_WINDOW}, by default. */
    public static final int DEFAULT_FAILED_LOGINS_PER_ADDRESS = 30;
    public static final Duration DEFAULT_LOGIN_WINDOW = Duration.ofMinutes(1);

    @Override
    public String name() {
        return ControlModule.NAME;
    }

    @Override
    public Optional<SessionPolicy> sessionPolicy() {
        return Optional.of(new SessionPolicy(tokenTtl, sessionTtl, duplicate, connectionLimit));
    }

    @Override
    public Front start(CoreServices core) throws InterruptedException {
        return ControlFront.start(this, core);
    }

    public static ControlConfig defaults() {
        return new ControlConfig(true, new HostPort("0.0.0.0", 2020), new HostPort("0.0.0.0", 2021), "/v2",
                Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofHours(24), DuplicatePolicy.CLOSE_OLDER,
                10, PacketReader.DEFAULT_MAX_BODY_BYTES, 8 * 1024 * 1024, 256, 0,
                new ConnectionLimit(ConnectionLimit.DEFAULT_PER_ADDRESS, AddressSet.NONE),
                LoginLimits.perAddress(DEFAULT_FAILED_LOGINS_PER_ADDRESS, DEFAULT_LOGIN_WINDOW));
    }

    /** The same config listening on loopback ports the OS picks: for tests. */
    public ControlConfig onEphemeralPorts() {
        return new ControlConfig(enabled, new HostPort("127.0.0.1", 0), websocket == null ? null : new HostPort("127.0.0.1", 0),
                websocketPath, heartbeatTimeout, authTimeout, pingInterval, tokenTtl, sessionTtl, duplicate,
                connectionLimit, maxBodyBytes, maxOutboundBytes, maxTopics, gzipMinBytes, connections, logins);
    }

    public ControlConfig withDuplicate(DuplicatePolicy policy) {
        return new ControlConfig(enabled, bind, websocket, websocketPath, heartbeatTimeout, authTimeout, pingInterval,
                tokenTtl, sessionTtl, policy, connectionLimit, maxBodyBytes, maxOutboundBytes, maxTopics, gzipMinBytes, connections, logins);
    }

    public ControlConfig withConnectionLimit(int limit) {
        return new ControlConfig(enabled, bind, websocket, websocketPath, heartbeatTimeout, authTimeout, pingInterval,
                tokenTtl, sessionTtl, duplicate, limit, maxBodyBytes, maxOutboundBytes, maxTopics, gzipMinBytes, connections, logins);
    }
}
