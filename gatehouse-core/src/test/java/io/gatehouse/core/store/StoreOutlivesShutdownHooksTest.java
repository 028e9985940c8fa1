package io.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store closes when the server says so, last, and not when the JVM starts to exit: H2's own
 * shutdown hook would close the database while the server's shutdown is still answering
 * requests. A real JVM is started so that real shutdown hooks run.
 */
class StoreOutlivesShutdownHooksTest {

    @TempDir
    Path dir;

    @Test
    void anEmbeddedH2StoreStillAnswersWhileTheJvmRunsItsShutdownHooks() throws Exception {
        assertThat(runProbe(DatabaseSettings.embeddedUrl(dir))).isEqualTo("OK");
    }

    @Test
    void soDoesAnH2UrlTheOperatorWrote() throws Exception {
        assertThat(runProbe("jdbc:h2:file:" + dir.resolve("own").toAbsolutePath())).isEqualTo("OK");
    }

    private static String runProbe(String url) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(), url)
                .redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM exited").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return out.lines().filter(l -> l.startsWith("OK") || l.startsWith("FAILED")).findFirst().orElse(out);
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Opens the store, then exits; a shutdown hook (as the server's own shutdown is) keeps using
     * the store for a while and prints OK, or FAILED with the first error.
     */
    public static final class Probe {
        public static void main(String[] args) {
            Database db = Database.open(new DatabaseSettings(args[0], null, null, 2));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        db.inTransaction(c -> c.createStatement().execute("SELECT 1"));
                        Thread.sleep(20);
                    }
                    db.close();
                    System.out.println("OK");
                } catch (RuntimeException | InterruptedException e) {
                    System.out.println("FAILED " + e);
                }
            }));
            System.exit(0);
        }
    }
}
