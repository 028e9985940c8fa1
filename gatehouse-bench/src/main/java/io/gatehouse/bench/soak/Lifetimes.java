package io.gatehouse.bench.soak;

import java.util.ArrayList;
import java.util.List;

/** How long connections lasted before the server closed them: a count and a median. */
final class Lifetimes {

    private final List<Double> seconds = new ArrayList<>();

    synchronized void add(double s) {
        seconds.add(s);
    }

    synchronized int count() {
        return seconds.size();
    }

    /** The median in seconds, NaN when there is none. */
    synchronized double median() {
        if (seconds.isEmpty()) {
            return Double.NaN;
        }
        double[] v = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
