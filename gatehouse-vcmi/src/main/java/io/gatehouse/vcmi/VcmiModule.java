package io.gatehouse.vcmi;

import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.front.ConfigContext;
import io.gatehouse.core.front.FrontModule;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;

/** The {@code vcmi} front's module: reads the {@code vcmi} section into a {@link VcmiConfig}. */
public final class VcmiModule implements FrontModule {

    public static final String NAME = "vcmi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VcmiConfig read(ConfigSection v, ConfigContext context) {
        VcmiConfig d = VcmiConfig.defaults();
        VcmiConfig c = new VcmiConfig(v.bool("enabled", d.enabled()), v.hostPort("bind", d.bind()),
                v.integer("capacity", d.capacity(), 1, 1_000_000),
                v.seconds("healthcheck", d.healthcheck()),
                v.duration("session_grace", d.sessionGrace()),
                v.bool("message_targets", d.messageTargets()),
                v.integer("max_packet_bytes", d.maxPacketBytes(), 64, 64 * 1024 * 1024),
                v.integer("max_pending_bytes", d.maxPendingBytes(), 64 * 1024, Integer.MAX_VALUE),
                v.integer("max_outbound_bytes", d.maxOutboundBytes(), 64 * 1024, Integer.MAX_VALUE),
                admission(v, d.admission(), context.limits().exempt()),
                splice(v, d.splice()));
        if (!c.healthcheck().isZero() && c.healthcheck().toSeconds() < 10) {
            v.problem("healthcheck", c.healthcheck().toSeconds() + " s is too frequent (expected 0 for off, or 10 s or more)");
        }
        v.finish();
        return c;
    }

    /** {@code splice}: auto or off (YAML's bare {@code off} included); anything else is a problem named with the key. */
    private static VcmiConfig.Splice splice(ConfigSection v, VcmiConfig.Splice d) {
        try {
            return VcmiConfig.Splice.parse(v.textOrOff("splice", d.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            v.problem("splice", e.getMessage());
            return d;
        }
    }

    /** The per-address share (at least 1: vcmi has no "no cap") counts with every front's {@code limits.exempt}. */
    private static VcmiConfig.Admission admission(ConfigSection v, VcmiConfig.Admission d, AddressSet exempt) {
        return new VcmiConfig.Admission(new ConnectionLimit(v.integer("max_connections_per_address", d.connections().perAddress(), 1,
                1_000_000), exempt),
                v.duration("handshake_timeout", d.handshakeTimeout()),
                v.integer("max_handshake_bytes", d.maxHandshakeBytes(), 256, 64 * 1024 * 1024),
                v.integer("max_handshake_packets", d.maxHandshakePackets(), 3, 1_000_000),
                v.duration("idle_timeout", d.idleTimeout()));
    }
}
