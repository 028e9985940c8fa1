package io.gatehouse.bench.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The server's Prometheus text, read into series ({@code name{labels}}) and values. */
final class Metrics {

    /** The series a soak report shows: closes, client faults, and whatever counts refusals or limits. */
    private static final Pattern REPORTED = Pattern.compile(
            "^(gatehouse_closes_total|gatehouse_client_faults_total|gatehouse_auth_total|gatehouse_[a-z_]*(refus|reject|throttl|limit|denied|full)[a-z_]*)\\b.*");

    private Metrics() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException notAValue) {
                // a line of another shape: not a series
            }
        }
        return out;
    }

    /** The reported series that changed between two readings: end minus start, in the end's order. */
    static Map<String, Double> reportedDeltas(Map<String, Double> start, Map<String, Double> end) {
        Map<String, Double> out = new LinkedHashMap<>();
        end.forEach((series, value) -> {
            double delta = value - start.getOrDefault(series, 0.0);
            if (REPORTED.matcher(series).matches() && delta != 0) {
                out.put(series, delta);
            }
        });
        return out;
    }

    /** {@code gatehouse_connections} by front. */
    static Map<String, Long> connections(Map<String, Double> metrics) {
        Map<String, Long> out = new LinkedHashMap<>();
        metrics.forEach((series, value) -> {
            if (series.startsWith("gatehouse_connections{")) {
                int at = series.indexOf("front=\"") + 7;
                out.put(series.substring(at, series.indexOf('"', at)), value.longValue());
            }
        });
        return out;
    }
}
