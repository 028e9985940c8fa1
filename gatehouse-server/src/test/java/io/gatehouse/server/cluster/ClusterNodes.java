package io.gatehouse.server.cluster;

import io.gatehouse.client.control.ControlClient;
import io.gatehouse.control.ControlFront;
import io.gatehouse.core.account.NoSuchAccountException;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.core.testing.NatsServer;
import io.gatehouse.core.testing.TestDatabases;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import io.gatehouse.server.config.GatehouseConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes of one cluster in this JVM: each a whole Gatehouse with its own ports, data folder and
 * clock, all on one nats-server and one PostgreSQL schema. Close it to stop them all.
 */
final class ClusterNodes implements AutoCloseable {

    static final String ADMIN_KEY = "cluster-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NatsServer nats;
    private final TestDatabases.PostgresSchema store;
    private final List<Gatehouse> nodes = new ArrayList<>();
    private final Map<Gatehouse, ManualScheduler> clocks = new HashMap<>();

    ClusterNodes() throws Exception {
        store = TestDatabases.postgresSchema();
        try {
            nats = NatsServer.start();
        } catch (Exception | AssertionError e) {
            store.close();
            throw e;
        }
    }

    /** Starts one more node named {@code name}, control and the HTTP API on, the other fronts off. */
    Gatehouse start(String name) throws Exception {
        return start(name, "");
    }

    /**
     * Starts one more node named {@code name}, with {@code control} added to its control section
     * ({@code "connection_limit: 1"}, say); it beats every 100 ms and judges a node gone after 500 ms.
     */
    Gatehouse start(String name, String control) throws Exception {
        return start(name, control, "");
    }

    /** Starts one more node with the marauroa front on as well (its example game, a 512-bit key). */
    Gatehouse startWithMarauroa(String name) throws Exception {
        return start(name, "", "marauroa: {enabled: true, bind: '127.0.0.1:0', key_bits: 512}\n");
    }

    /** Starts one more node with the vcmi front on as well (lobby and pipes on one free port). */
    Gatehouse startWithVcmi(String name) throws Exception {
        return start(name, "", "vcmi: {enabled: true, bind: '127.0.0.1:0'}\n");
    }

    /**
     * Starts one more node with the astron front on, running {@code roles} beside its Message
     * Director (both on free ports), with the DC file {@code dc}; its Client Agent hands out a
     * million client channels from {@code firstChannel}, and UberDOG 4665 (LoginManager) is anonymous.
     */
    Gatehouse startWithAstron(String name, String roles, Path dc, long firstChannel) throws Exception {
        return start(name, "", astron(roles, dc, firstChannel));
    }

    /** As {@link #startWithAstron}, the node in a process of its own, with its files under {@code dir}. */
    NodeProcess startProcessWithAstron(String name, String roles, Path dc, long firstChannel, Path dir) throws Exception {
        return NodeProcess.start(name, nats.url(), store.url(), "", astron(roles, dc, firstChannel), dir);
    }

    private static String astron(String roles, Path dc, long firstChannel) {
        return "astron: {enabled: true, roles: [" + roles + "], bind: '127.0.0.1:0', md_bind: '127.0.0.1:0', version: cluster,"
                + " dc_files: ['" + dc + "'], anonymous_uberdogs: [{id: 4665, class: LoginManager}], interests: enabled,"
                + " channels: {min: " + firstChannel + ", max: " + (firstChannel + 999_999) + "}}\n";
    }

    private Gatehouse start(String name, String control, String fronts) throws Exception {
        Path dataDir = Files.createTempDirectory("gatehouse-node-" + name);
        GatehouseConfig config = ConfigLoader.parse("data_dir: " + dataDir + "\n"
                + "database: {url: '" + store.url() + "'}\n"
                + "cluster: {nats: '" + nats.url() + "', node: " + name + ", subject_prefix: gh-test, beat: 100ms, node_timeout: 500ms}\n"
                + "http: {bind: '127.0.0.1:0', admin_key: " + ADMIN_KEY + "}\n"
                + "accounts: {argon2_memory_kib: 64, argon2_iterations: 1}\n"
                + "control: {bind: '127.0.0.1:0', websocket: 'off'" + (control.isEmpty() ? "" : ", " + control) + "}\n"
                + (fronts.contains("marauroa:") ? "" : "marauroa: {enabled: false}\n")
                + (fronts.contains("vcmi:") ? "" : "vcmi: {enabled: false}\n") + fronts, dataDir);
        ManualScheduler clock = new ManualScheduler(System.currentTimeMillis());
        Gatehouse g = Gatehouse.start(config, clock);
        nodes.add(g);
        clocks.put(g, clock);
        return g;
    }

    /** A control client authenticated on the node as {@code username} (the account is made when missing). */
    static ControlClient authed(Gatehouse node, String username) throws Exception {
        ControlClient c = control(node);
        c.auth(token(node, username));
        return c;
    }

    /** A control client connected to the node, not yet authenticated. */
    static ControlClient control(Gatehouse node) throws Exception {
        return ControlClient.tcp(node.front(ControlFront.class).tcpAddress());
    }

    /** A 60 s token for {@code username}, issued by the node (the account is made when missing). */
    static String token(Gatehouse node, String username) throws Exception {
        try {
            node.services().accounts().find(username).orElseGet(() -> node.services().accounts().create(username, "pw".toCharArray()));
        } catch (NoSuchAccountException e) {
            throw new IllegalStateException(e);
        }
        return node.services().tokens().issue(username, Duration.ofSeconds(60)).token();
    }

    /** The manual clock the node's rules (and its marauroa turns) run on. */
    ManualScheduler clock(Gatehouse node) {
        return clocks.get(node);
    }

    /** A node in a process of its own, on this cluster's NATS and store, with its files under {@code dir}. */
    NodeProcess startProcess(String name, String control, Path dir) throws Exception {
        return NodeProcess.start(name, nats.url(), store.url(), control, dir);
    }

    /** A node with the vcmi front on in a process of its own, on this cluster's NATS and store, with its files under {@code dir}. */
    NodeProcess startProcessWithVcmi(String name, Path dir) throws Exception {
        return NodeProcess.startWithVcmi(name, nats.url(), store.url(), dir);
    }

    /** Stops one node in order, as SIGTERM does. */
    void stop(Gatehouse node) {
        nodes.remove(node);
        node.close();
    }

    /** A call to the node's HTTP API with the admin key. */
    static HttpResponse<String> api(Gatehouse node, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sessions {@code GET /api/v1/sessions} lists on the node. */
    static JsonNode sessions(Gatehouse node) throws Exception {
        HttpResponse<String> r = api(node, "GET", "/api/v1/sessions");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /api/v1/sessions answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("sessions");
    }

    @Override
    public void close() throws Exception {
        for (Gatehouse g : nodes) {
            g.close();
        }
        nats.close();
        store.close();
    }
}
