package io.gatehouse.astron.md;

import io.netty.buffer.ByteBuf;

/**
 * What the Message Director tells the director it joins (docs/protocol/astron.md, section 3.4)
 * as its participants' subscriptions change and as it routes: {@link #NONE} for a director that
 * is the root of its tree. Routing thread only.
 */
interface Upstream {

    /** No upstream: nothing to tell. */
    Upstream NONE = new Upstream() {
    };

    default void subscribe(MdParticipant p, long channel) {
    }

    default void unsubscribe(MdParticipant p, long channel) {
    }

    default void subscribeRange(MdParticipant p, long low, long high) {
    }

    default void unsubscribeRange(MdParticipant p, long low, long high) {
    }

    /** The participant is gone: everything it held is dropped. */
    default void unsubscribeAll(MdParticipant p) {
    }

    default void addPostRemove(long sender, byte[] datagram) {
    }

    default void clearPostRemoves(long sender) {
    }

    /** A datagram a participant sent (no length tag); the caller keeps its buffer. */
    default void forward(ByteBuf datagram) {
    }
}
