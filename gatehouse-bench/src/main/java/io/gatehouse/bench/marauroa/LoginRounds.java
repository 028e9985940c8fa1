package io.gatehouse.bench.marauroa;

import io.gatehouse.bench.support.ParallelRun;
import io.gatehouse.bench.support.Results;
import io.gatehouse.client.marauroa.MarauroaClient;
import io.gatehouse.marauroa.message.MarauroaMessage.CreateAccountAck;
import java.net.InetSocketAddress;
import java.util.List;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The rounds of {@code marauroa-login} and {@code cluster-marauroa-login}: accounts created
 * through the first target, then logins that cycle through them, login {@code i} on target
 * {@code i % targets}: connect, the whole secure login, close.
 */
final class LoginRounds {

    /** The server's {@code marauroa} section: on, on a free port, with room for every client and no login throttle. */
    static final String MARAUROA = "marauroa:\n  enabled: true\n  bind: \"127.0.0.1:0\"\n  max_players: 100000\n"
            + "  failed_logins_per_address: 1000000\n";

    private LoginRounds() {
    }

    /** Creates {@code accounts} accounts {@code bench0}, {@code bench1}... through {@code at}. */
    static void createAccounts(InetSocketAddress at, int accounts) throws Exception {
        try (MarauroaClient c = new MarauroaClient(at)) {
            for (int i = 0; i < accounts; i++) {
                if (!(c.createAccount("bench" + i, "secret" + i, "b@example.org") instanceof CreateAccountAck)) {
                    throw new IllegalStateException("could not create account bench" + i);
                }
            }
        }
    }

    /** Runs {@code load.rounds} rounds of {@code load.logins} logins, {@code load.workers} at once, into {@code results}. */
    static void run(Results results, List<InetSocketAddress> targets, LoginLoad load) throws Exception {
        int logins = load.logins;
        int accounts = load.accounts;
        int rounds = load.rounds;
        for (int round = 0; round < rounds; round++) {
            ConcurrentHistogram latency = new ConcurrentHistogram(3);
            ParallelRun.Outcome run = ParallelRun.run(load.workers, logins, i -> {
                long t0 = System.nanoTime();
                try (MarauroaClient c = new MarauroaClient(targets.get(i % targets.size()))) {
                    int a = i % accounts;
                    c.login("bench" + a, "secret" + a, "bench", "1");
                    latency.recordValue((System.nanoTime() - t0) / 1000);
                }
            });
            results.add("logins", "1/s", run.perSecond(logins));
            results.add("login p50", "ms", latency.getValueAtPercentile(50) / 1000.0);
            results.add("login p99", "ms", latency.getValueAtPercentile(99) / 1000.0);
            results.add("failed", "count", run.failed());
            System.out.printf("round %d/%d: %.0f logins/s, p50 %.2f ms, p99 %.2f ms, %d failed%n", round + 1, rounds,
                    run.perSecond(logins), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, run.failed());
        }
    }
}
