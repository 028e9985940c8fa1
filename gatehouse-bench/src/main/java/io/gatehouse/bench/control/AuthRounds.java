package io.gatehouse.bench.control;

import io.gatehouse.bench.support.OneShotClient;
import io.gatehouse.bench.support.ParallelRun;
import io.gatehouse.bench.support.PlainEcho;
import io.gatehouse.bench.support.Results;
import java.net.InetSocketAddress;
import java.util.function.IntFunction;

/**
 * The rounds of {@code auth} and {@code cluster-auth}: each round spends fresh tokens, one
 * connect + handshake + auth + close each, then the same client sends the same bytes to the
 * plain echo server and reads them back, so that the two rates are measured side by side.
 */
final class AuthRounds {

    /** The tokens of one round (numbered from 0, warm-up rounds included). */
    @FunctionalInterface
    interface Tokens {
        String[] issue(int round) throws Exception;
    }

    /** Returns once what the server answered is in its store (its login journal applied); a server without one returns at once. */
    @FunctionalInterface
    interface Settle {
        void await() throws Exception;
    }

    static final String BASELINE = "baseline connects";
    /** The round's auths over the time until the last of their rows was in the store. */
    static final String SETTLED = "auths settled in the store";
    /** Each round's auths over its own baseline: the two run back to back, so the pair shares the machine's mood. */
    static final String PAIRED = "auths / baseline, per round";
    /** Each round's settled rate over its own baseline. */
    static final String SETTLED_PAIRED = "settled / baseline, per round";

    private AuthRounds() {
    }

    /**
     * Runs {@code load.warmup} uncounted rounds, then {@code load.rounds} counted into {@code results} as
     * {@code measured} and {@link #BASELINE}; auth {@code i} goes to {@code target.apply(i)}.
     */
    static void run(Results results, String measured, AuthLoad load, PlainEcho echo, Tokens tokens,
                    IntFunction<InetSocketAddress> target, Settle settle) throws Exception {
        int warmup = load.warmup;
        int rounds = load.rounds;
        int workers = load.workers;
        int auths = load.auths;
        for (int round = -warmup; round < rounds; round++) {
            String[] issued = tokens.issue(round + warmup);
            long start = System.nanoTime();
            ParallelRun.Outcome run = ParallelRun.run(workers, auths,
                    i -> OneShotClient.once(target.apply(i), ControlWire.authPrelude(issued[i]), ControlAuthBench::authAnswer));
            // the baseline runs only once the server's deferred writes are done, so that they slow it neither
            settle.await();
            double settled = auths / ((System.nanoTime() - start) / 1e9);
            byte[] sameSize = ControlWire.authPrelude(issued[0]);
            ParallelRun.Outcome base = ParallelRun.run(workers, auths,
                    i -> OneShotClient.once(echo.address(), sameSize, OneShotClient.bytes(sameSize.length)));
            if (round < 0) {
                System.out.printf("warm-up: %.0f auths/s, baseline %.0f connects/s%n", run.perSecond(auths), base.perSecond(auths));
                continue;
            }
            results.add(measured, "1/s", run.perSecond(auths));
            results.add(SETTLED, "1/s", settled);
            results.add(BASELINE, "1/s", base.perSecond(auths));
            results.add(PAIRED, "ratio", run.perSecond(auths) / base.perSecond(auths));
            results.add(SETTLED_PAIRED, "ratio", settled / base.perSecond(auths));
            results.add("failed", "count", run.failed() + base.failed());
            System.out.printf("round %d/%d: %.0f auths/s (%.0f settled), baseline %.0f connects/s (%.2f, %.2f settled)%n", round + 1, rounds,
                    run.perSecond(auths), settled, base.perSecond(auths), run.perSecond(auths) / base.perSecond(auths),
                    settled / base.perSecond(auths));
        }
    }
}
