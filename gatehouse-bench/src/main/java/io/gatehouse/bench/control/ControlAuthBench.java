package io.gatehouse.bench.control;

import io.gatehouse.bench.support.PlainEcho;
import io.gatehouse.bench.support.Results;
import io.gatehouse.bench.support.ServerProcess;
import io.gatehouse.core.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code auth}: connect, handshake and auth with a fresh token, read the answer, close — as
 * many per second as the server takes; side by side with the same client doing connect,
 * the same bytes, their echo and close against a plain Netty echo server.
 */
@Command(name = "auth", description = "control connect + auth + close per second, and the same against a plain echo server")
public final class ControlAuthBench implements Callable<Integer> {

    @Mixin
    AuthLoad load = new AuthLoad();

    @Option(names = "--database", description = "the server's database URL (default: the embedded H2 file)")
    String database;

    @Option(names = "--journal", description = "the server's database.journal: write, fsync or off (default ${DEFAULT-VALUE})")
    String journal = "write";

    @Option(names = "--json", description = "results file (default ${DEFAULT-VALUE})")
    Path json = Path.of("target", "bench-auth.json");

    private static final String GATEHOUSE = "auths";
    private static final String ACCOUNT = "bench";
    private static final String BASELINE = AuthRounds.BASELINE;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("gatehouse-bench");
        EventLoopGroup baselineGroup = Transports.group("bench-baseline", 0);
        Results results = new Results("control auth (" + load.workers + " at once)");
        String store = "database: {journal: " + journal + (database == null ? "" : ", url: \"" + database + "\"") + "}\n";
        try (ServerProcess server = ServerProcess.start(work, store, "2g"); PlainEcho echo = new PlainEcho(baselineGroup)) {
            AuthRounds.run(results, GATEHOUSE, load, echo, round -> server.tokens(ACCOUNT, load.auths, 16),
                    i -> server.control(), () -> server.awaitJournalApplied(ACCOUNT));
        } finally {
            baselineGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Map<String, String> ratios = Map.of(GATEHOUSE, BASELINE, AuthRounds.SETTLED, BASELINE);
        results.print(ratios);
        Map<String, Object> settings = new LinkedHashMap<>();
        load.describe(settings);
        settings.put("database", database == null ? "embedded H2 file" : database);
        settings.put("journal", journal);
        results.writeJson(json, settings, ratios);
        return 0;
    }

    /** The auth response: a 10-byte header with status 0 (OK) and the body it announces. */
    static void authAnswer(DataInputStream in) throws IOException {
        byte[] header = new byte[10];
        in.readFully(header);
        if (header[6] != 0) {
            throw new IOException("auth refused with status " + header[6]);
        }
        int body = ((header[7] & 0xff) << 16) | ((header[8] & 0xff) << 8) | (header[9] & 0xff);
        in.readFully(new byte[body]);
    }
}
