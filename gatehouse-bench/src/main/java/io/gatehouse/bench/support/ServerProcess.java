package io.gatehouse.bench.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gatehouse server in its own process, as a user runs it, for load runs: started from the
 * built jars with a config on loopback ports it picks, measured through /proc and /metrics.
 */
public final class ServerProcess implements AutoCloseable {

    public static final String ADMIN_KEY = "bench-admin-key";
    /** An HTTP call to a server that has stopped answering fails after this instead of waiting for good. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CONTROL = Pattern.compile("gatehouse: control {2}tcp {2}\\S+:(\\d+)");
    private static final Pattern ASTRON_CA = Pattern.compile("astron   tcp  [^:]+:(\\d+)");
    private static final Pattern MARAUROA = Pattern.compile("marauroa tcp  [^:]+:(\\d+)");
    private static final Pattern ASTRON_MD = Pattern.compile("astron   md   [^:]+:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("gatehouse: http {5}api {2}http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern CONTROL_WS = Pattern.compile("gatehouse: control {2}ws {3}ws://[^:]+:(\\d+)");
    private static final Pattern VCMI = Pattern.compile("gatehouse: vcmi {5}tcp {2}[^:]+:(\\d+)");

    private final Process process;
    private final int controlPort;
    private final int httpPort;
    private int astronClientPort = -1;
    private int astronMdPort = -1;
    private int marauroaPort = -1;
    private int controlWsPort = -1;
    private int vcmiPort = -1;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, int controlPort, int httpPort) {
        this.process = process;
        this.controlPort = controlPort;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code ./gatehouse serve}'s java command on a fresh data folder; returns once it
     * listens. {@code extra} is appended to the config: more keys of the {@code control}
     * section (indented), or further top-level sections.
     */
    public static ServerProcess start(Path work, String extra, String jvmHeap) throws IOException, InterruptedException {
        return start(work, extra, jvmHeap, true);
    }

    /**
     * As {@link #start(Path, String, String)}; with {@code cheapHashes} false the accounts'
     * Argon2id runs at the server's default cost (gatehouse.example.yml's {@code accounts}),
     * not the bench's cheap one (64 KiB, 1 iteration).
     */
    public static ServerProcess start(Path work, String extra, String jvmHeap, boolean cheapHashes) throws IOException, InterruptedException {
        return start(work, "data_dir: data\n"
                + "http: {bind: \"127.0.0.1:0\", admin_key: " + ADMIN_KEY + "}\n"
                + (cheapHashes ? "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n" : "")
                // every load client is on loopback: the per-address limits would refuse most of them
                + "limits: {exempt: [127.0.0.0/8, \"::1\"]}\n"
                + "vcmi: {enabled: false}\n"
                + (extra.contains("marauroa:") ? "" : "marauroa: {enabled: false}\n")
                + "control:\n  bind: \"0.0.0.0:0\"\n  websocket: \"off\"\n  connection_limit: 1000000\n" + extra,
                List.of("-Xms" + jvmHeap, "-Xmx" + jvmHeap), line -> { });
    }

    /**
     * The config of a node on the shared PostgreSQL {@code store}: of the cluster on {@code nats}
     * named {@code node}, or alone when {@code node} is null. Control on, with {@code control}
     * added to its section (keys indented two spaces, then further top-level sections: a
     * {@code marauroa} one replaces the default, off); every loopback address exempt from limits.
     */
    public static String nodeConfig(String store, String nats, String node, String subjectPrefix, String control) {
        return "data_dir: data\n"
                + "database: {url: \"" + store + "\"}\n"
                + (node == null ? "" : "cluster: {nats: \"" + nats + "\", node: " + node + ", subject_prefix: " + subjectPrefix + "}\n")
                + "http: {bind: \"127.0.0.1:0\", admin_key: " + ADMIN_KEY + "}\n"
                + "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n"
                + "limits: {exempt: [127.0.0.0/8, \"::1\"]}\n"
                + "vcmi: {enabled: false}\n"
                + (control.contains("marauroa:") ? "" : "marauroa: {enabled: false}\n")
                + "control:\n  bind: \"127.0.0.1:0\"\n  websocket: \"off\"\n  connection_limit: 1000000\n" + control;
    }

    /**
     * Starts the server on exactly {@code configText} (it must enable control and the HTTP API,
     * with {@link #ADMIN_KEY}), with G1 and {@code jvmFlags}; returns once it listens. Every
     * line the process prints goes to {@code output}, on a thread of its own.
     */
    public static ServerProcess start(Path work, String configText, List<String> jvmFlags, Consumer<String> output)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path config = work.resolve("gatehouse.yml");
        Files.writeString(config, configText);
        Path root = Path.of("").toAbsolutePath();
        String cp = root.resolve("gatehouse-server/target/gatehouse-server.jar") + ":" + root.resolve("gatehouse-server/target/lib/*");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:+UseG1GC"));
        cmd.addAll(jvmFlags);
        String opts = System.getenv("GATEHOUSE_BENCH_SERVER_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", cp, "io.gatehouse.server.Main", "serve", "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<Pattern, Integer> ports = new HashMap<>();
        for (int i = 0; i < 500 && !(ports.containsKey(CONTROL) && ports.containsKey(HTTP)); i++) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            output.accept(line);
            for (Pattern pattern : List.of(CONTROL, CONTROL_WS, ASTRON_CA, ASTRON_MD, MARAUROA, VCMI, HTTP)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    ports.putIfAbsent(pattern, Integer.parseInt(m.group(1)));
                }
            }
        }
        if (!(ports.containsKey(CONTROL) && ports.containsKey(HTTP))) {
            p.destroyForcibly();
            throw new IllegalStateException("the server did not start; see its output");
        }
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    output.accept(line);
                }
            } catch (IOException gone) {
                // the process ended
            }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        ServerProcess server = new ServerProcess(p, ports.get(CONTROL), ports.get(HTTP));
        server.controlWsPort = ports.getOrDefault(CONTROL_WS, -1);
        server.astronClientPort = ports.getOrDefault(ASTRON_CA, -1);
        server.astronMdPort = ports.getOrDefault(ASTRON_MD, -1);
        server.marauroaPort = ports.getOrDefault(MARAUROA, -1);
        server.vcmiPort = ports.getOrDefault(VCMI, -1);
        return server;
    }

    /** The control WebSocket listener's address (when the config enabled it). */
    public InetSocketAddress controlWebSocket() {
        return new InetSocketAddress("127.0.0.1", controlWsPort);
    }

    /** The vcmi front's address (when the config enabled vcmi). */
    public InetSocketAddress vcmi() {
        return new InetSocketAddress("127.0.0.1", vcmiPort);
    }

    /** The HTTP API's address. */
    public InetSocketAddress http() {
        return new InetSocketAddress("127.0.0.1", httpPort);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The astron Client Agent's address (when the extra config enabled astron). */
    public InetSocketAddress astronClientAgent() {
        return new InetSocketAddress("127.0.0.1", astronClientPort);
    }

    /** The marauroa front's address (when the extra config enabled marauroa). */
    public InetSocketAddress marauroa() {
        return new InetSocketAddress("127.0.0.1", marauroaPort);
    }

    /** The astron Message Director's address (when the extra config enabled astron). */
    public InetSocketAddress astronMessageDirector() {
        return new InetSocketAddress("127.0.0.1", astronMdPort);
    }

    public InetSocketAddress control() {
        return new InetSocketAddress("127.0.0.1", controlPort);
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size of the server process, in bytes, from /proc. */
    public long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** Heap in use after a full GC (jcmd GC.run), from the server's own /metrics. */
    public long heapAfterGcBytes() throws IOException, InterruptedException {
        new ProcessBuilder("jcmd", String.valueOf(pid()), "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        String metrics = get("/metrics");
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Returns once the server's login journal holds nothing the store lacks, as a reader of the
     * store sees it: it reads {@code account}'s login history, which the server answers only
     * after waking its journal's applier and waiting for every entry written before the request.
     * A refusal (the server's own wait for a slow store has a bound) is tried again, for at most
     * a minute. One request, where polling the metrics would take the CPU from the applier it waits for.
     */
    public void awaitJournalApplied(String account) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        HttpRequest history = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/accounts/" + account + "/logins?limit=1"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + ADMIN_KEY).build();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(history, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                return;
            }
            last = r.statusCode() + " " + r.body();
            Thread.sleep(100);
        }
        throw new IOException("the server's login journal did not reach its store within a minute (last answer: " + last + ")");
    }

    public String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Creates the account and issues {@code n} tokens for it, {@code parallel} requests at a time. */
    public String[] tokens(String user, int n, int parallel) throws Exception {
        try {
            post("/api/v1/accounts", "{\"username\":\"" + user + "\",\"password\":\"pw\"}");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("409")) {
                throw e;
            }
        }
        String[] out = new String[n];
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(pool.submit(() -> {
                    String body = post("/api/v1/tokens", "{\"username\":\"" + user + "\",\"ttl_seconds\":3600}");
                    int at = body.indexOf("\"token\":\"") + 9;
                    out[k] = body.substring(at, body.indexOf('"', at));
                    return null;
                }));
            }
            for (var f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return out;
    }

    /** {@code kill -9}: the process ends at once, telling nobody. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
