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

    static final String BASELINE = "baseline connects";

    private AuthRounds() {
    }

    /**
     * Runs {@code warmup} uncounted rounds, then {@code rounds} counted into {@code results} as
     * {@code measured} and {@link #BASELINE}; auth {@code i} goes to {@code target.apply(i)}.
     */
    static void run(Results results, String measured, int warmup, int rounds, int workers, int auths, PlainEcho echo,
                    Tokens tokens, IntFunction<InetSocketAddress> target) throws Exception {
        for (int round = -warmup; round < rounds; round++) {
            String[] issued = tokens.issue(round + warmup);
            ParallelRun.Outcome run = ParallelRun.run(workers, auths,
                    i -> OneShotClient.once(target.apply(i), ControlWire.authPrelude(issued[i]), ControlAuthBench::authAnswer));
            byte[] sameSize = ControlWire.authPrelude(issued[0]);
            ParallelRun.Outcome base = ParallelRun.run(workers, auths,
                    i -> OneShotClient.once(echo.address(), sameSize, OneShotClient.bytes(sameSize.length)));
            if (round < 0) {
                System.out.printf("warm-up: %.0f auths/s, baseline %.0f connects/s%n", run.perSecond(auths), base.perSecond(auths));
                continue;
            }
            results.add(measured, "1/s", run.perSecond(auths));
            results.add(BASELINE, "1/s", base.perSecond(auths));
            results.add("failed", "count", run.failed() + base.failed());
            System.out.printf("round %d/%d: %.0f auths/s, baseline %.0f connects/s%n", round + 1, rounds,
                    run.perSecond(auths), base.perSecond(auths));
        }
    }
}
