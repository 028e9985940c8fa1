package io.gatehouse.cluster.relay;

import io.gatehouse.core.relay.PipeRole;

/**
 * What the cluster relay's nodes say to each other over NATS (docs/protocol/vcmi.md, "Across
 * cluster nodes"). Nodes and pipes are named by numbers: a node by the random id its relay drew
 * at start, a pipe by a counter of the node it is attached on, a cross-node link by a random id
 * its game's authority drew.
 */
sealed interface RelayMessage {

    /** On a link subject: the next chunk of bytes for the pipe that subject leads to. */
    record Data(long seq, byte[] bytes) implements RelayMessage {
    }

    /** On a link subject: the sender may send bytes up to this offset of its stream (absolute, so repeats are harmless). */
    record Credit(long upTo) implements RelayMessage {
    }

    /** On a link subject: the other end lost bytes; both pipes close. */
    record Broken() implements RelayMessage {
    }

    /** A request on a pipe uuid's subject: a pipe in {@code role} is attached on {@code node}. */
    record Attach(PipeRole role, long node, long pipe) implements RelayMessage {
    }

    /** The authority's reply to {@link Attach}: whether one of its games admits the pipe. */
    record Answer(boolean accepted, long authority) implements RelayMessage {
    }

    /** To a pipe's node: pair {@code pipe} with a pipe on {@code peerNode} over {@code link}. */
    record Pair(long authority, long pipe, long link, long peerNode) implements RelayMessage {
    }

    /** To a node: pair two of its own pipes with each other; bytes stay on that node. */
    record PairLocal(long authority, long pipe, long peerPipe) implements RelayMessage {
    }

    /** To a pipe's node: its peer went away; it waits for a new one. */
    record Unpair(long authority, long pipe) implements RelayMessage {
    }

    /** To a game's authority: the pipe {@code pipe} of {@code node} closed. */
    record Detach(long node, long pipe) implements RelayMessage {
    }

    /** On the beat subject: {@code node}'s relay is alive. */
    record Beat(long node) implements RelayMessage {
    }

    /** On the beat subject: {@code node}'s relay stopped; its games and links are gone. */
    record Gone(long node) implements RelayMessage {
    }
}
