package io.gatehouse.control;

import io.gatehouse.control.codec.PacketReader;
import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.config.WebSocketBind;
import io.gatehouse.core.front.ConfigContext;
import io.gatehouse.core.front.FrontModule;
import io.gatehouse.core.limits.LoginLimits;
import io.gatehouse.core.session.DuplicatePolicy;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;

/** The {@code control} front's module: reads the {@code control} section into a {@link ControlConfig}. */
public final class ControlModule implements FrontModule {

    public static final String NAME = "control";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ControlConfig read(ConfigSection c, ConfigContext context) {
        ControlConfig d = ControlConfig.defaults();
        boolean enabled = c.bool("enabled", d.enabled());
        HostPort bind = c.hostPort("bind", d.bind());
        WebSocketBind ws = c.webSocket("websocket", d.websocket() + d.websocketPath());
        Duration heartbeat = c.duration("heartbeat_timeout", d.heartbeatTimeout());
        Duration auth = c.duration("auth_timeout", d.authTimeout());
        Duration ping = c.duration("ping_interval", d.pingInterval());
        Duration tokenTtl = c.duration("token_ttl", d.tokenTtl());
        Duration sessionTtl = c.duration("session_ttl", d.sessionTtl());
        DuplicatePolicy duplicate = c.parsed("duplicate", d.duplicate(), DuplicatePolicy::fromConfig, "close_older or reject_newer", p -> { });
        int limit = c.integer("connection_limit", d.connectionLimit(), 1, 1_000_000);
        int maxBody = c.integer("max_body_bytes", d.maxBodyBytes(), 1, PacketReader.MAX_WIRE_BODY);
        int maxOut = c.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE);
        int maxTopics = c.integer("max_topics", d.maxTopics(), 1, 100_000);
        int gzipMinBytes = c.integer("gzip_min_bytes", d.gzipMinBytes(), 0, PacketReader.MAX_WIRE_BODY);
        var connections = c.connectionsPerAddress(d.connections().perAddress(), context.limits().exempt());
        LoginLimits logins = LoginLimits.perAddress(c.integer("failed_logins_per_address", d.logins().perAddress(), 0, 1_000_000),
                c.duration("failed_login_window", d.logins().window()));
        c.finish();
        return new ControlConfig(enabled, bind, ws.bind(), ws.path(), heartbeat, auth, ping, tokenTtl, sessionTtl, duplicate,
                limit, maxBody, maxOut, maxTopics, gzipMinBytes, connections, logins);
    }
}
