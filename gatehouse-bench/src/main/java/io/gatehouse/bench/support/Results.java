package io.gatehouse.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples per metric, printed as a table of medians (with min and max) and written as JSON. */
public final class Results {

    private final String scenario;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public Results(String scenario) {
        this.scenario = scenario;
    }

    public void add(String metric, String unit, double value) {
        samples.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
        units.put(metric, unit);
    }

    /** The newest sample of a metric. */
    public double last(String metric) {
        List<Double> v = samples.get(metric);
        return v.get(v.size() - 1);
    }

    public double median(String metric) {
        double[] v = samples.get(metric).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Prints one line per metric; {@code ratios} maps a metric to the baseline metric it is compared with. */
    public void print(Map<String, String> ratios) {
        System.out.printf("%n%-34s %12s %12s %12s  %s%n", scenario, "median", "min", "max", "unit");
        for (var e : samples.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String cell = units.get(e.getKey()).equals("ratio") ? "%12.2f" : "%12.1f";
            System.out.printf("%-34s " + cell + " " + cell + " " + cell + "  %s%n", e.getKey(), median(e.getKey()), v[0],
                    v[v.length - 1], units.get(e.getKey()));
        }
        ratios.forEach((metric, base) -> System.out.printf("%-34s %12.2f%n", metric + " / " + base, median(metric) / median(base)));
    }

    /** Writes the results as JSON to {@code file}, making its folder when missing (by default {@code target/} of the project). */
    public void writeJson(Path file, Map<String, Object> settings, Map<String, String> ratios) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("date", Instant.now().toString());
        out.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version")));
        out.put("settings", settings);
        Map<String, Object> metrics = new LinkedHashMap<>();
        samples.forEach((k, v) -> metrics.put(k, Map.of("unit", units.get(k), "median", median(k), "samples", v)));
        out.put("metrics", metrics);
        Map<String, Double> r = new LinkedHashMap<>();
        ratios.forEach((m, b) -> r.put(m + " / " + b, median(m) / median(b)));
        out.put("ratios", r);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
        System.out.println("\nwritten " + file);
    }

    private static final String GATEHOUSE_DELIVERIES = "gatehouse deliveries";
    private static final String BASELINE_DELIVERIES = "baseline deliveries";
    /** Gatehouse / baseline of each round: the two run back to back, so the pair shares the machine's mood. */
    private static final String PAIRED_RATIO = "gatehouse / baseline, per round";

    /**
     * Records one round of a side-by-side fan-out (deliveries per second of each, and their
     * ratio) and prints it; a negative round is a warm-up, printed and not recorded.
     */
    public void addDeliveries(int round, int rounds, double gatehouse, double baseline) {
        if (round < 0) {
            System.out.printf("warm-up: gatehouse %.0f/s, baseline %.0f/s (not counted)%n", gatehouse, baseline);
            return;
        }
        add(GATEHOUSE_DELIVERIES, "1/s", gatehouse);
        add(BASELINE_DELIVERIES, "1/s", baseline);
        add(PAIRED_RATIO, "ratio", gatehouse / baseline);
        System.out.printf("round %d/%d: gatehouse %.0f/s, baseline %.0f/s (%.2f)%n", round + 1, rounds, gatehouse, baseline,
                gatehouse / baseline);
    }

    /** Prints the fan-out table with the Gatehouse / baseline ratio, and writes it as JSON. */
    public void finishDeliveries(Path json, Map<String, Object> settings) throws IOException {
        Map<String, String> ratios = Map.of(GATEHOUSE_DELIVERIES, BASELINE_DELIVERIES);
        print(ratios);
        writeJson(json, settings, ratios);
    }
}
