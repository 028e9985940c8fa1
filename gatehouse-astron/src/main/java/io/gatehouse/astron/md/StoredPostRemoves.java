package io.gatehouse.astron.md;

import io.gatehouse.core.cluster.Wills;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The post-removes of a cluster node's participants, copied to the cluster's {@link Wills} (the
 * shared store) as the director files and clears them, under a number each participant gets
 * at its first post-remove; forgotten there once the director has routed them itself.
 * Routing thread only.
 */
final class StoredPostRemoves implements PostRemoveCopies {

    private final Wills wills;
    private final Map<MdParticipant, Long> numbers = new IdentityHashMap<>();
    private long next;

    StoredPostRemoves(Wills wills) {
        this.wills = wills;
    }

    @Override
    public void added(MdParticipant p, long sender, byte[] datagram) {
        Long n = numbers.get(p);
        if (n == null) {
            n = next++;
            numbers.put(p, n);
        }
        wills.add(FRONT, n, sender, datagram);
    }

    @Override
    public void cleared(MdParticipant p, long sender) {
        Long n = numbers.get(p);
        if (n != null) {
            wills.clear(FRONT, n, sender);
        }
    }

    @Override
    public void sent(MdParticipant p) {
        Long n = numbers.remove(p);
        if (n != null) {
            wills.forget(FRONT, n);
        }
    }
}
