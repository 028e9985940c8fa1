package io.gatehouse.astron.clientagent;

import io.gatehouse.core.time.Cancellable;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An interest being opened: the zones asked of the parent, the count of objects the parent
 * announced, the objects that answered so far and the datagrams about them that came early.
 * Finished when every announced object has answered, or when {@code interest_timeout} runs out.
 */
final class InterestOperation {

    final int interestId;
    final long clientContext;
    final long requestContext;
    final long parent;
    final Set<Long> zones;
    final List<Long> callers = new ArrayList<>();
    /** ENTER_INTEREST datagrams (from the sender on), in arrival order. */
    final List<ByteBuf> generates = new ArrayList<>();
    /** Other datagrams about the interest's objects, held until the interest is done. */
    final List<ByteBuf> queued = new ArrayList<>();
    /** The {@code interest_timeout}, on the agent's clock. */
    Cancellable timeout = Cancellable.NONE;
    private long expected = -1;

    InterestOperation(int interestId, long clientContext, long requestContext, long parent, Set<Long> zones, long caller) {
        this.interestId = interestId;
        this.clientContext = clientContext;
        this.requestContext = requestContext;
        this.parent = parent;
        this.zones = zones;
        if (caller != 0) {
            callers.add(caller);
        }
    }

    boolean covers(long parent, long zone) {
        return this.parent == parent && zones.contains(zone);
    }

    /** The first count announced is the one that holds. */
    void expect(long count) {
        if (expected < 0) {
            expected = count;
        }
    }

    boolean ready() {
        return expected >= 0 && generates.size() >= expected;
    }

    /** Lets go of every held datagram (the client is gone). */
    void release() {
        generates.forEach(ByteBuf::release);
        queued.forEach(ByteBuf::release);
        generates.clear();
        queued.clear();
    }
}
