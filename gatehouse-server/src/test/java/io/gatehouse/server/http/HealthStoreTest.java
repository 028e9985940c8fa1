package io.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.core.testing.ManualScheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health says when the store no longer answers (found by the soak: it answered 200 after H2 had closed for good). */
class HealthStoreTest {

    @TempDir
    Path dir;

    private Gatehouse gatehouse;

    @AfterEach
    void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void healthIs503OnceTheStoreIsGone() throws Exception {
        // a file database that may not be made again once it is gone: after SHUTDOWN and the file's removal, the store is down
        String file = dir.resolve("store").toString();
        DriverManager.getConnection("jdbc:h2:file:" + file).close();
        String url = "jdbc:h2:file:" + file + ";IFEXISTS=TRUE";
        gatehouse = Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "%s"}
                http: {bind: "127.0.0.1:0", admin_key: k}
                control: {enabled: false}
                vcmi: {enabled: false}
                marauroa: {enabled: false}
                """.formatted(url), dir), new ManualScheduler());
        HttpResponse<String> up = health();
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(up.body()).get("store").asText()).isEqualTo("ok");

        // the file goes first: a connection made between the two steps would otherwise open it
        // again, and the store would go on in a file that is no longer in the folder
        Files.delete(Path.of(file + ".mv.db"));
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("SHUTDOWN");
        }
        await().until(() -> health().statusCode() == 503);
        JsonNode down = new ObjectMapper().readTree(health().body());
        assertThat(down.get("status").asText()).isEqualTo("store_unavailable");
        assertThat(down.get("store").asText()).isEqualTo("not answering");
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
