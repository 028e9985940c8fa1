package io.gatehouse.bench.support;

import picocli.CommandLine.Option;

/** The options of every cluster benchmark: the NATS server and the PostgreSQL store its nodes share. */
public final class ClusterServices {

    @Option(names = "--nats", required = true, description = "the NATS server's URL, nats://127.0.0.1:4222")
    public String nats;

    @Option(names = "--store", required = true, description = "the PostgreSQL JDBC URL every node shares")
    public String store;

    /** The config of a node on these services: of the cluster, named {@code node}, or alone when it is null. */
    public String nodeConfig(String node, String subjectPrefix, String control) {
        return ServerProcess.nodeConfig(store, nats, node, subjectPrefix, control);
    }
}
