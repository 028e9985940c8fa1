package io.gatehouse.core.cluster;

/**
 * Which node of a cluster runs what the cluster runs once (vcmi's lobby actor): the
 * <b>eldest</b> live node, the one whose membership row was written first (ties by name). A
 * node that joins is never elder than those already there, so it never takes such an actor
 * over; the next eldest does when the eldest is gone. Every node reads the same rows, so nodes
 * that judge the same nodes alive agree; they may disagree for a moment while a gone node is
 * being judged, which whoever holds such an actor must tell its members.
 */
public interface Seniority {

    /** This node's name. */
    String self();

    /** The eldest node judged alive at the last beat, this one included. */
    String eldest();

    /** Whether {@code node} is judged alive (this node always is). */
    boolean alive(String node);

    /** Whether other nodes may ever be: false on a node alone, whose answers never change. */
    default boolean shared() {
        return true;
    }

    /** A node alone: it is the eldest, and the only node alive. */
    static Seniority alone(String node) {
        return new Seniority() {
            @Override
            public String self() {
                return node;
            }

            @Override
            public String eldest() {
                return node;
            }

            @Override
            public boolean alive(String other) {
                return node.equals(other);
            }

            @Override
            public boolean shared() {
                return false;
            }
        };
    }
}
