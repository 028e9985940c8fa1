package io.gatehouse.server.cluster;

import io.gatehouse.server.Main;
import io.gatehouse.server.PrintedPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One cluster node as a real server process ({@code gatehouse serve --config}), for what only a
 * process can show: {@code kill -9}. Control and the HTTP API on ports it picks, marauroa off,
 * astron as its section says (off without one), vcmi off or on a port it picks; it beats every
 * 100 ms and judges a node gone after 500 ms.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern CONTROL = Pattern.compile("gatehouse: control {2}tcp {2}127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("gatehouse: http .*127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern MD = Pattern.compile("gatehouse: astron +md +127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern VCMI = Pattern.compile("gatehouse: vcmi +tcp +127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    final InetSocketAddress control;
    final int httpPort;
    /** The Message Director's address, when the astron front is on (else null). */
    final InetSocketAddress md;
    /** The vcmi front's address, when it is on (else null). */
    final InetSocketAddress vcmi;

    private NodeProcess(Process process, int controlPort, int httpPort, int mdPort, int vcmiPort) {
        this.process = process;
        this.control = new InetSocketAddress("127.0.0.1", controlPort);
        this.httpPort = httpPort;
        this.md = mdPort < 0 ? null : new InetSocketAddress("127.0.0.1", mdPort);
        this.vcmi = vcmiPort < 0 ? null : new InetSocketAddress("127.0.0.1", vcmiPort);
    }

    static NodeProcess start(String name, String natsUrl, String storeUrl, String control, Path dir) throws IOException {
        return start(name, natsUrl, storeUrl, control, "", dir);
    }

    /** With {@code astron} the front's section ({@code "astron: {...}\n"}), or empty for astron off (its default). */
    static NodeProcess start(String name, String natsUrl, String storeUrl, String control, String astron, Path dir) throws IOException {
        return start(name, natsUrl, storeUrl, control, astron, false, dir);
    }

    /** With the vcmi front on (lobby and pipes on one free port), the others but control and HTTP off. */
    static NodeProcess startWithVcmi(String name, String natsUrl, String storeUrl, Path dir) throws IOException {
        return start(name, natsUrl, storeUrl, "", "", true, dir);
    }

    private static NodeProcess start(String name, String natsUrl, String storeUrl, String control, String astron, boolean vcmi, Path dir)
            throws IOException {
        Path config = dir.resolve(name + ".yml");
        Files.writeString(config, "data_dir: " + dir.resolve("data-" + name) + "\n"
                + "database: {url: '" + storeUrl + "'}\n"
                + "cluster: {nats: '" + natsUrl + "', node: " + name + ", subject_prefix: gh-test, beat: 100ms, node_timeout: 500ms}\n"
                + "http: {bind: '127.0.0.1:0', admin_key: " + ClusterNodes.ADMIN_KEY + "}\n"
                + "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n"
                + "control: {bind: '127.0.0.1:0', websocket: 'off'" + (control.isEmpty() ? "" : ", " + control) + "}\n"
                + "marauroa: {enabled: false}\n"
                + (vcmi ? "vcmi: {enabled: true, bind: '127.0.0.1:0'}\n" : "vcmi: {enabled: false}\n")
                + astron);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern third = vcmi ? VCMI : MD;
        boolean hasThird = vcmi || !astron.isEmpty();
        int[] ports = hasThird ? PrintedPorts.read(out, CONTROL, HTTP, third) : PrintedPorts.read(out, CONTROL, HTTP);
        if (ports[0] < 0 || ports[1] < 0 || hasThird && ports[2] < 0) {
            p.destroyForcibly();
            throw new IOException("node " + name + " did not print its ports");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the node's log is not read; reading it keeps its pipe from filling
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "node-" + name + "-output");
        drain.setDaemon(true);
        drain.start();
        return new NodeProcess(p, ports[0], ports[1], !astron.isEmpty() ? ports[2] : -1, vcmi ? ports[2] : -1);
    }

    /** {@code kill -9}: the process ends at once, telling nobody. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
