package io.gatehouse.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak reads the server's Prometheus text: series, connection gauges, and what changed among the reported counters. */
class MetricsTest {

    private static final String BEFORE = """
            # HELP gatehouse_connections open connections
            # TYPE gatehouse_connections gauge
            gatehouse_connections{front="control"} 3.0
            gatehouse_connections{front="vcmi"} 0.0
            gatehouse_closes_total{front="control",reason="bad_frame"} 2.0
            gatehouse_client_faults_total{front="marauroa",kind="out_of_state"} 5.0
            jvm_threads_live_threads 40.0
            """;
    private static final String AFTER = """
            gatehouse_connections{front="control"} 0.0
            gatehouse_connections{front="vcmi"} 1.0
            gatehouse_closes_total{front="control",reason="bad_frame"} 9.0
            gatehouse_closes_total{front="vcmi",reason="idle"} 4.0
            gatehouse_client_faults_total{front="marauroa",kind="out_of_state"} 5.0
            gatehouse_refusals_total{front="vcmi",reason="per_address"} 7.0
            jvm_threads_live_threads 44.0
            """;

    @Test
    void readsSeriesAndConnections() {
        Map<String, Double> m = Metrics.parse(BEFORE);
        assertThat(m).containsEntry("gatehouse_closes_total{front=\"control\",reason=\"bad_frame\"}", 2.0).hasSize(5);
        assertThat(Metrics.connections(m)).containsExactly(Map.entry("control", 3L), Map.entry("vcmi", 0L));
    }

    @Test
    void reportsOnlyTheCountersThatChanged() {
        assertThat(Metrics.reportedDeltas(Metrics.parse(BEFORE), Metrics.parse(AFTER))).containsExactly(
                Map.entry("gatehouse_closes_total{front=\"control\",reason=\"bad_frame\"}", 7.0),
                Map.entry("gatehouse_closes_total{front=\"vcmi\",reason=\"idle\"}", 4.0),
                Map.entry("gatehouse_refusals_total{front=\"vcmi\",reason=\"per_address\"}", 7.0));
    }
}
