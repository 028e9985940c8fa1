package io.gatehouse.astron.clientagent;

import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.transport.HostPort;
import java.time.Duration;

/**
 * One Client Agent's settings (docs/protocol/astron.md, section 11).
 *
 * @param bind             the TCP listener for game clients
 * @param websocket        a WebSocket listener carrying the same datagrams in binary frames, or null
 * @param websocketPath    the WebSocket's path
 * @param version          the version string CLIENT_HELLO must carry
 * @param manualDcHash     the DC hash CLIENT_HELLO must carry; 0 for the hash of the loaded DC files
 * @param channelMin       the first channel handed to clients
 * @param channelMax       the last channel handed to clients
 * @param heartbeatTimeout how long a client may stay silent; zero for no limit
 * @param relocateAllowed  whether clients may move the objects they own
 * @param interests        what clients may do with interests themselves
 * @param maxDatagramSize  the largest client datagram accepted, in bytes (the length tag excluded)
 * @param interestTimeout  how long an interest waits for the objects of its zones
 * @param maxOutboundBytes the most bytes queued for one slow client before it is dropped
 * @param haproxy          every connection starts with HAProxy's PROXY header (v1 or v2), which
 *                         gives the client's real address; a connection without one is closed
 * @param tls              TLS on the client listeners, or null for plain TCP
 * @param helloTimeout     how long a connection may take to say CLIENT_HELLO (TLS handshake and
 *                         PROXY header included); zero for no limit
 * @param anonymousTimeout how long a client may stay ANONYMOUS (greeted, not yet ESTABLISHED
 *                         by the game); zero for no limit
 * @param connections      open client connections one address may hold (by the socket's peer: with
 *                         {@code haproxy} that is the proxy, so the config loader turns the cap off
 *                         there unless it is set)
 */
public record ClientAgentConfig(HostPort bind, HostPort websocket, String websocketPath, String version, long manualDcHash,
                                long channelMin, long channelMax, Duration heartbeatTimeout, boolean relocateAllowed,
                                InterestPolicy interests, int maxDatagramSize, Duration interestTimeout, int maxOutboundBytes,
                                boolean haproxy, ClientTls tls, Duration helloTimeout, Duration anonymousTimeout,
                                ConnectionLimit connections) {

    /** Real clients say hello as soon as they are connected; astrond has no such limit. */
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(30);
    /** A login screen left open for a while, as marauroa's pre_game_timeout; astrond has no such limit. */
    public static final Duration DEFAULT_ANONYMOUS_TIMEOUT = Duration.ofMinutes(10);

    /** The same settings with the default connection cap ({@link ConnectionLimit#DEFAULT_PER_ADDRESS}, none exempt). */
    public ClientAgentConfig(HostPort bind, HostPort websocket, String websocketPath, String version, long manualDcHash,
                             long channelMin, long channelMax, Duration heartbeatTimeout, boolean relocateAllowed,
                             InterestPolicy interests, int maxDatagramSize, Duration interestTimeout, int maxOutboundBytes,
                             boolean haproxy, ClientTls tls, Duration helloTimeout, Duration anonymousTimeout) {
        this(bind, websocket, websocketPath, version, manualDcHash, channelMin, channelMax, heartbeatTimeout, relocateAllowed,
                interests, maxDatagramSize, interestTimeout, maxOutboundBytes, haproxy, tls, helloTimeout, anonymousTimeout,
                new ConnectionLimit(ConnectionLimit.DEFAULT_PER_ADDRESS, AddressSet.NONE));
    }

    public static ClientAgentConfig defaults() {
        return new ClientAgentConfig(new HostPort("0.0.0.0", 7198), null, "/", "dev", 0,
                1_000_000_000L, 1_009_999_999L, Duration.ZERO, false, InterestPolicy.VISIBLE, 0xFFFF,
                Duration.ofMillis(500), 256 * 1024, false, null,
                DEFAULT_HELLO_TIMEOUT, DEFAULT_ANONYMOUS_TIMEOUT);
    }
}
