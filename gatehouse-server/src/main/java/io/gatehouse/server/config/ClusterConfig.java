package io.gatehouse.server.config;

import java.util.List;

/**
 * {@code cluster}: the NATS servers this node joins its cluster through (none: the node runs
 * alone, its bus in-process), the node's name in the cluster, and the prefix of every NATS
 * subject the cluster uses (several clusters may share NATS servers under different prefixes).
 */
public record ClusterConfig(List<String> nats, String node, String subjectPrefix) {

    public static final String DEFAULT_SUBJECT_PREFIX = "gatehouse";

    public ClusterConfig {
        nats = List.copyOf(nats);
    }

    public boolean enabled() {
        return !nats.isEmpty();
    }
}
