package io.gatehouse.server.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code cluster}: the NATS servers this node joins its cluster through (none: the node runs
 * alone, its bus in-process), the node's name in the cluster, and the prefix of every NATS
 * subject the cluster uses (several clusters may share NATS servers under different prefixes);
 * how often a node tells the store it is alive ({@code beat}), and how long the others wait
 * after its last beat before they judge it gone ({@code node_timeout}).
 */
public record ClusterConfig(List<String> nats, String node, String subjectPrefix, Duration beat, Duration nodeTimeout) {

    public static final String DEFAULT_SUBJECT_PREFIX = "gatehouse";
    public static final Duration DEFAULT_BEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(5);

    public ClusterConfig {
        nats = List.copyOf(nats);
    }

    public boolean enabled() {
        return !nats.isEmpty();
    }
}
