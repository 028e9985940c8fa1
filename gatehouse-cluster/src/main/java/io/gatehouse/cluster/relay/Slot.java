package io.gatehouse.cluster.relay;

/** A pipe somewhere in the cluster, as its game's authority names it: the node it is attached on and its number there. */
record Slot(long node, long pipe) {
}
