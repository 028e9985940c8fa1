package io.gatehouse.astron.md;

import io.gatehouse.core.cluster.Wills;

/**
 * Where the Message Director keeps a copy of its participants' post-removes beyond its own
 * memory, so that they are sent if this node dies (docs/protocol/astron.md, section 3.5). Called
 * on the routing thread, in the order the director takes the changes; none may block.
 */
public interface PostRemoveCopies {

    /** The front the copies are filed under in the cluster's wills. */
    String FRONT = "astron";

    /** {@code p} filed {@code datagram} under {@code sender}. */
    void added(MdParticipant p, long sender, byte[] datagram);

    /** {@code p} cleared what it filed under {@code sender}. */
    void cleared(MdParticipant p, long sender);

    /** {@code p} is gone and the director has routed its post-removes. */
    void sent(MdParticipant p);

    /** Copies in the cluster's {@code wills}, or {@link #NONE} when they keep nothing (a node alone). */
    static PostRemoveCopies of(Wills wills) {
        return wills.kept() ? new StoredPostRemoves(wills) : NONE;
    }

    /** A node alone: the post-removes live and die with it. */
    PostRemoveCopies NONE = new PostRemoveCopies() {
        @Override
        public void added(MdParticipant p, long sender, byte[] datagram) {
        }

        @Override
        public void cleared(MdParticipant p, long sender) {
        }

        @Override
        public void sent(MdParticipant p) {
        }
    };
}
