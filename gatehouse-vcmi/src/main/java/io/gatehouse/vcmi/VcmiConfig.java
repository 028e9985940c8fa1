package io.gatehouse.vcmi;

import io.gatehouse.core.front.CoreServices;
import io.gatehouse.core.front.Front;
import io.gatehouse.core.front.FrontConfig;
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
 * @param admission       what a connection may do before it has proven what it is (section 8)
 * @param splice          whether a paired pipe's bytes may be moved by the kernel (section 4, how bytes travel)
 */
public record VcmiConfig(boolean enabled, HostPort bind, int capacity, Duration healthcheck, Duration sessionGrace,
                         boolean messageTargets, int maxPacketBytes, int maxPendingBytes, int maxOutboundBytes,
                         Admission admission, Splice splice) implements FrontConfig {

    /** {@code vcmi.splice}: how a paired pipe's bytes travel (docs/protocol/vcmi.md section 4). */
    public enum Splice {
        /** By splice(2) where the transport is native epoll, else copied through the JVM. */
        AUTO,
        /** Always copied through the JVM. */
        OFF;

        public static Splice parse(String text) {
            return switch (text) {
                case "auto" -> AUTO;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("'" + text + "' (expected auto or off)");
            };
        }
    }

    @Override
    public String name() {
        return VcmiModule.NAME;
    }

    @Override
    public Front start(CoreServices core) throws InterruptedException {
        return VcmiFront.start(this, core);
    }

    /**
     * Limits on connections that have not proven anything (docs/protocol/vcmi.md section 8).
     *
     * @param connections       connections one client address may hold, lobby and pipes together, and the
     *                          addresses ({@code limits.exempt}) that are not counted
     * @param handshakeTimeout  time from connecting until a pipe has completed its handshake or a
     *                          lobby connection has been greeted
     * @param maxHandshakeBytes bytes of packets a pipe may send before its handshake is complete, or
     *                          a lobby connection before it is greeted
     * @param maxHandshakePackets packets of the same, likewise
     * @param idleTimeout       silence after which a greeted lobby user that the health check does
     *                          not cover (protocol below 4, or health check off) is disconnected
     */
    public record Admission(ConnectionLimit connections, Duration handshakeTimeout, int maxHandshakeBytes,
                            int maxHandshakePackets, Duration idleTimeout) {

        public static Admission defaults() {
            return new Admission(new ConnectionLimit(10, AddressSet.NONE), Duration.ofSeconds(30), VcmiFrameDecoder.DEFAULT_MAX_HANDSHAKE_BYTES,
                    VcmiFrameDecoder.DEFAULT_MAX_HANDSHAKE_PACKETS, Duration.ofMinutes(10));
        }
    }

    public static VcmiConfig defaults() {
        return new VcmiConfig(true, new HostPort("0.0.0.0", 5002), 50, Duration.ofSeconds(30), Duration.ofSeconds(300),
                true, VcmiFrameDecoder.DEFAULT_MAX_PACKET_BYTES, 64 * 1024 * 1024, 8 * 1024 * 1024, Admission.defaults(), Splice.OFF);
    }

    /** The same config, enabled, on a loopback port the OS picks: for tests. */
    public VcmiConfig onEphemeralPort() {
        return new VcmiConfig(true, new HostPort("127.0.0.1", 0), capacity, healthcheck, sessionGrace, messageTargets,
                maxPacketBytes, maxPendingBytes, maxOutboundBytes, admission, splice);
    }

    /** The same config with other admission limits. */
    public VcmiConfig withAdmission(Admission limits) {
        return new VcmiConfig(enabled, bind, capacity, healthcheck, sessionGrace, messageTargets, maxPacketBytes,
                maxPendingBytes, maxOutboundBytes, limits, splice);
    }

    /** The same config with another splice mode. */
    public VcmiConfig withSplice(Splice mode) {
        return new VcmiConfig(enabled, bind, capacity, healthcheck, sessionGrace, messageTargets, maxPacketBytes,
                maxPendingBytes, maxOutboundBytes, admission, mode);
    }
}
