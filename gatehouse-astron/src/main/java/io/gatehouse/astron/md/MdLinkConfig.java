package io.gatehouse.astron.md;

import io.gatehouse.core.transport.HostPort;
import java.time.Duration;

/**
 * The limits of every link to the Message Director (docs/protocol/astron.md, section 3.3).
 *
 * @param maxOutboundBytes    bytes queued to one link that does not read, past which the link
 *                            is dropped as a slow consumer
 * @param firstMessageTimeout how long a new link may stay silent before its first datagram;
 *                            zero for no limit. Once a link has sent anything it may stay silent
 *                            for good (a listener that only receives is a normal participant)
 * @param upstream            the Message Director this one joins ({@code connect}, section 3.4),
 *                            or null for none: this director is the root of its tree
 */
public record MdLinkConfig(int maxOutboundBytes, Duration firstMessageTimeout, HostPort upstream) {

    /** The default port of a Message Director, astrond's. */
    public static final int MD_PORT = 7199;

    /** 64 MiB: a burst of a thousand full-size datagrams to a busy AI, with room to spare. */
    public static final int DEFAULT_MAX_OUTBOUND_BYTES = 64 * 1024 * 1024;
    /** Every Astron library sends its first control message as soon as it is connected. */
    public static final Duration DEFAULT_FIRST_MESSAGE_TIMEOUT = Duration.ofSeconds(60);

    public MdLinkConfig {
        if (maxOutboundBytes < 1) {
            throw new IllegalArgumentException("max_outbound_bytes " + maxOutboundBytes + " (must be positive)");
        }
        if (firstMessageTimeout.isNegative()) {
            throw new IllegalArgumentException("first_message_timeout " + firstMessageTimeout + " (must not be negative)");
        }
    }

    /** Limits only, no upstream. */
    public MdLinkConfig(int maxOutboundBytes, Duration firstMessageTimeout) {
        this(maxOutboundBytes, firstMessageTimeout, null);
    }

    public MdLinkConfig withUpstream(HostPort to) {
        return new MdLinkConfig(maxOutboundBytes, firstMessageTimeout, to);
    }

    public static MdLinkConfig defaults() {
        return new MdLinkConfig(DEFAULT_MAX_OUTBOUND_BYTES, DEFAULT_FIRST_MESSAGE_TIMEOUT);
    }
}
