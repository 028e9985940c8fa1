package io.gatehouse.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * When a measure of the server "keeps growing" over a soak run. Pure: samples in, verdicts
 * out. {@code start} and {@code end} are taken with the load stopped and its connections
 * closed; {@code loaded} are the samples taken while the load ran, in time order.
 *
 * <ul>
 *   <li>Descriptors and threads: growing when {@code end > start + slack}. What a closed
 *       connection held must be given back, so no trend is asked for. Threads are counted
 *       without the idle threads of pools that grow with load and shrink by themselves
 *       ({@link Sample#workingThreads()}).</li>
 *   <li>Heap after a full GC and RSS: growing when the trend is rising (the least-squares
 *       slope of the last {@code trendSamples} loaded samples is above
 *       {@code minRisingBytesPerMinute}: a process that grew to a high-water mark and stays
 *       there, as glibc's arenas and the JIT's code cache do, is not growing, while a leak
 *       grows by tens of MiB a minute under this load) and either
 *       {@code end > factor × start + slack} (kept after the clients left) or
 *       {@code last loaded > factor × first loaded + slack} (grew for as long as the load
 *       ran, such as a queue without a bound). With fewer than two loaded samples there is
 *       no trend, and the size test alone decides.</li>
 * </ul>
 */
public final class GrowthRule {

    private static final long MIB = 1024 * 1024;

    /** The slacks and factors of the rule. */
    public record Limits(long descriptorSlack, long threadSlack, double heapFactor, long heapSlackBytes, double rssFactor,
                         long rssSlackBytes, int trendSamples, long minRisingBytesPerMinute) {

        public Limits {
            if (descriptorSlack < 0 || threadSlack < 0 || heapSlackBytes < 0 || rssSlackBytes < 0) {
                throw new IllegalArgumentException("slacks must not be negative");
            }
            if (heapFactor < 1 || rssFactor < 1) {
                throw new IllegalArgumentException("factors must be at least 1");
            }
            if (minRisingBytesPerMinute < 0) {
                throw new IllegalArgumentException("the rising rate must not be negative");
            }
            if (trendSamples < 2) {
                throw new IllegalArgumentException("trend samples " + trendSamples + " (min 2)");
            }
        }

        /** The defaults the soak scenario runs with. */
        public static Limits defaults() {
            return new Limits(16, 8, 1.5, 16 * MIB, 1.1, 64 * MIB, 5, MIB);
        }

        /** The rule in words, as the scenario prints it. */
        public String describe() {
            return String.format("descriptors: end > start + %d; threads (not counting idle threads of Jetty's pool, the common "
                            + "ForkJoinPool and the JIT): end > start + %d; "
                            + "heap after GC: rising trend (least-squares slope of the last %d samples under load > %d MiB/min) and "
                            + "(end > %.2f x start + %d MiB, or last sample under load > %.2f x first + %d MiB); "
                            + "RSS: the same with %.2f x and %d MiB",
                    descriptorSlack, threadSlack, trendSamples, minRisingBytesPerMinute / MIB, heapFactor, heapSlackBytes / MIB, heapFactor,
                    heapSlackBytes / MIB, rssFactor, rssSlackBytes / MIB);
        }
    }

    /**
     * One measure's verdict: its values quiet at the start and the end, its first and last
     * values under load (the start and end values when there were none), the slope of the
     * trend in units per minute (NaN when not computed) and why it is, or is not, growing.
     */
    public record Verdict(String measure, long start, long end, long firstLoaded, long lastLoaded, double slopePerMinute,
                          boolean growing, String why) {
    }

    private GrowthRule() {
    }

    /** The verdicts for heap, RSS, descriptors and threads, in that order. */
    public static List<Verdict> judge(Sample start, List<Sample> loaded, Sample end, Limits limits) {
        List<Verdict> out = new ArrayList<>();
        out.add(memory("heap after GC", Sample::heapAfterGcBytes, start, loaded, end, limits.heapFactor(), limits.heapSlackBytes(),
                limits.trendSamples(), limits.minRisingBytesPerMinute()));
        out.add(memory("RSS", Sample::rssBytes, start, loaded, end, limits.rssFactor(), limits.rssSlackBytes(), limits.trendSamples(),
                limits.minRisingBytesPerMinute()));
        out.add(count("descriptors", Sample::descriptors, start, loaded, end, limits.descriptorSlack()));
        out.add(count("threads", Sample::workingThreads, start, loaded, end, limits.threadSlack()));
        return out;
    }

    private static Verdict count(String name, ToLongFunction<Sample> f, Sample start, List<Sample> loaded, Sample end, long slack) {
        long s = f.applyAsLong(start);
        long e = f.applyAsLong(end);
        boolean growing = e > s + slack;
        String why = growing ? String.format("end %d > start %d + %d", e, s, slack) : String.format("end %d <= start %d + %d", e, s, slack);
        return new Verdict(name, s, e, firstOr(loaded, f, s), lastOr(loaded, f, e), Double.NaN, growing, why);
    }

    private static Verdict memory(String name, ToLongFunction<Sample> f, Sample start, List<Sample> loaded, Sample end, double factor,
                                  long slack, int trendSamples, long minRisingBytesPerMinute) {
        long s = f.applyAsLong(start);
        long e = f.applyAsLong(end);
        long first = firstOr(loaded, f, s);
        long last = lastOr(loaded, f, e);
        boolean kept = e > factor * s + slack;
        boolean grewUnderLoad = loaded.size() >= 2 && last > factor * first + slack;
        List<Sample> tail = loaded.subList(Math.max(0, loaded.size() - trendSamples), loaded.size());
        double slopePerSecond = tail.size() >= 2 ? slope(tail, f) : Double.NaN;
        boolean rising = tail.size() < 2 || slopePerSecond * 60 > minRisingBytesPerMinute;
        boolean growing = rising && (kept || grewUnderLoad);
        String size = kept ? String.format("end %s > %.2f x start %s + %s", mib(e), factor, mib(s), mib(slack))
                : grewUnderLoad ? String.format("under load %s > %.2f x %s + %s", mib(last), factor, mib(first), mib(slack))
                : String.format("end %s <= %.2f x start %s + %s%s", mib(e), factor, mib(s), mib(slack),
                        loaded.size() >= 2 ? String.format(", under load %s <= %.2f x %s + %s", mib(last), factor, mib(first), mib(slack)) : "");
        String trend = tail.size() < 2 ? "no trend (fewer than 2 samples under load)"
                : String.format("trend %s %+.2f MiB/min over the last %d samples", rising ? "rising" : "not rising",
                slopePerSecond * 60 / MIB, tail.size());
        return new Verdict(name, s, e, first, last, slopePerSecond * 60, growing, size + "; " + trend);
    }

    /** The least-squares slope of {@code f} against {@link Sample#seconds}, per second; 0 when all samples share one time. */
    static double slope(List<Sample> samples, ToLongFunction<Sample> f) {
        int n = samples.size();
        double meanT = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double meanV = samples.stream().mapToDouble(f::applyAsLong).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample x : samples) {
            double dt = x.seconds() - meanT;
            num += dt * (f.applyAsLong(x) - meanV);
            den += dt * dt;
        }
        return n < 2 || den == 0 ? 0 : num / den;
    }

    private static long firstOr(List<Sample> loaded, ToLongFunction<Sample> f, long otherwise) {
        return loaded.isEmpty() ? otherwise : f.applyAsLong(loaded.get(0));
    }

    private static long lastOr(List<Sample> loaded, ToLongFunction<Sample> f, long otherwise) {
        return loaded.isEmpty() ? otherwise : f.applyAsLong(loaded.get(loaded.size() - 1));
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (double) MIB);
    }
}
