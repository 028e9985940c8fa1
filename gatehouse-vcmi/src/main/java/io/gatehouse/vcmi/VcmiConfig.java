package io.gatehouse.vcmi;

import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.transport.HostPort;
import io.gatehouse.vcmi.codec.VcmiFrameDecoder;
import java.time.Duration;

/**
 * The {@code vcmi} section of the config file (docs/protocol/vcmi.md).
 *
 * @param capacity        connections at most, lobby and pipes together (section 8)
 * @param healthcheck     health check period for protocol 4+ lobby users; zero turns it off (section 7)
 * @param sessionGrace    how long a started game with no pipes is kept for reconnects (section 4)
 * @param messageTargets  whether {@code @user} and {@code @all} prefixes address chat messages (section 5, MSG)
 * @param maxPacketBytes  largest client packet
 * @param maxPendingBytes bytes a pipe holds back while its peer is missing before it stops reading
 * @param maxOutboundBytes bytes queued to one connection: a lobby client past it is closed as a
 *                        slow consumer, a pipe past it makes its peer stop reading
 * @param connections     open connections one address may hold, lobby and pipes together
 */
public record VcmiConfig(boolean enabled, HostPort bind, int capacity, Duration healthcheck, Duration sessionGrace,
                         boolean messageTargets, int maxPacketBytes, int maxPendingBytes, int maxOutboundBytes,
                         ConnectionLimit connections) {

    /**
     * Connections one address may hold by default: a player's lobby link and game pipes, for a
     * few players behind one NAT.
     */
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 16;

    /** The same settings with the default connection cap ({@link #DEFAULT_CONNECTIONS_PER_ADDRESS}, none exempt). */
    public VcmiConfig(boolean enabled, HostPort bind, int capacity, Duration healthcheck, Duration sessionGrace,
                      boolean messageTargets, int maxPacketBytes, int maxPendingBytes, int maxOutboundBytes) {
        this(enabled, bind, capacity, healthcheck, sessionGrace, messageTargets, maxPacketBytes, maxPendingBytes, maxOutboundBytes,
                new ConnectionLimit(DEFAULT_CONNECTIONS_PER_ADDRESS, AddressSet.NONE));
    }

    public static VcmiConfig defaults() {
        return new VcmiConfig(true, new HostPort("0.0.0.0", 5002), 50, Duration.ofSeconds(30), Duration.ofSeconds(300),
                true, VcmiFrameDecoder.DEFAULT_MAX_PACKET_BYTES, 64 * 1024 * 1024, 8 * 1024 * 1024);
    }

    /** The same config, enabled, on a loopback port the OS picks: for tests. */
    public VcmiConfig onEphemeralPort() {
        return new VcmiConfig(true, new HostPort("127.0.0.1", 0), capacity, healthcheck, sessionGrace, messageTargets,
                maxPacketBytes, maxPendingBytes, maxOutboundBytes, connections);
    }
}
