package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's build check ({@code scripts/launcher-lib.sh}), run by bash on a tree of its own
 * with a stand-in for Maven that records each build and, when told to, holds it open until the
 * test lets it finish: a start with nothing changed does not build, generated sources under
 * {@code target/} do not count, and two launchers started together run one build.
 */
class LauncherTest {

    private static final Path LIBRARY = Path.of("..", "scripts", "launcher-lib.sh").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path jar;
    private Path builds;
    private Path release;
    private Path fakeMaven;

    @BeforeEach
    void tree() throws IOException {
        jar = root.resolve("gatehouse-server/target/gatehouse-server.jar");
        builds = root.resolve("builds.log");
        release = root.resolve("release");
        Path source = root.resolve("gatehouse-core/src/main/java/io/gatehouse/core/Thing.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Thing {}\n");
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        setOneHourAgo(source);
        setOneHourAgo(root.resolve("pom.xml"));
        // A Maven stand-in: it records the build, waits for the release file when the test asks
        // it to hold (a bounded wait), writes the jar and exits with FAKE_MVN_EXIT.
        fakeMaven = root.resolve("fake-mvn");
        Files.writeString(fakeMaven, """
                #!/usr/bin/env bash
                echo start >> "%s"
                if [ -n "${FAKE_MVN_HOLD:-}" ]; then
                  for i in $(seq 1 600); do [ -f "%s" ] && break; sleep 0.05; done
                fi
                mkdir -p "$(dirname "%s")" && : > "%s"
                exit "${FAKE_MVN_EXIT:-0}"
                """.formatted(builds, release, jar, jar));
        assertThat(fakeMaven.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void aFreshTreeBuildsOnceAndASecondStartDoesNot() throws Exception {
        Result first = launch(false, 0).finish();
        assertThat(first.exit).isZero();
        assertThat(first.stderr).contains("gatehouse: building");
        assertThat(Files.exists(root.resolve("target/build.stamp"))).isTrue();

        Result second = launch(false, 0).finish();
        assertThat(second.exit).isZero();
        assertThat(second.stderr).doesNotContain("building");
        assertThat(buildsRun()).isEqualTo(1);
    }

    @Test
    void generatedSourcesUnderTargetDoNotCountButAnEditedSourceDoes() throws Exception {
        launch(false, 0).finish();
        Path generated = root.resolve("gatehouse-bench/target/generated-sources/annotations/X_jmhTest.java");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, "class X_jmhTest {}\n");
        setInAnHour(generated);
        assertThat(launch(false, 0).finish().stderr).doesNotContain("building");
        assertThat(buildsRun()).isEqualTo(1);

        setInAnHour(root.resolve("gatehouse-core/src/main/java/io/gatehouse/core/Thing.java"));
        assertThat(launch(false, 0).finish().stderr).contains("gatehouse: building");
        assertThat(buildsRun()).isEqualTo(2);
    }

    @Test
    void aMissingJarIsBuiltEvenWhenTheStampIsNew() throws Exception {
        launch(false, 0).finish();
        Files.delete(jar);
        assertThat(launch(false, 0).finish().stderr).contains("gatehouse: building");
        assertThat(buildsRun()).isEqualTo(2);
    }

    @Test
    void aFailedBuildLeavesNoStampSoTheNextStartBuildsAgain() throws Exception {
        Result failed = launch(false, 3).finish();
        assertThat(failed.exit).isEqualTo(3);
        assertThat(Files.exists(root.resolve("target/build.stamp"))).isFalse();

        assertThat(launch(false, 0).finish().exit).isZero();
        assertThat(buildsRun()).isEqualTo(2);
    }

    @Test
    void twoLaunchersStartedTogetherRunOneBuild() throws Exception {
        Launch first = launch(true, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> buildsRun() == 1);
        Launch second = launch(true, 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> second.stderrSoFar().contains("waiting for another build"));
        Files.writeString(release, "");

        assertThat(first.finish().exit).isZero();
        Result waited = second.finish();
        assertThat(waited.exit).isZero();
        assertThat(waited.stderr).doesNotContain("gatehouse: building");
        assertThat(buildsRun()).isEqualTo(1);
    }

    private Launch launch(boolean hold, int mavenExit) throws IOException {
        Path stderr = Files.createTempFile(root, "launch", ".err");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; root=\"$1\"; source \"$2\"; build_if_needed \"$3\"",
                "launcher", root.toString(), LIBRARY.toString(), jar.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        pb.environment().put("GATEHOUSE_MVN", fakeMaven.toString());
        pb.environment().put("FAKE_MVN_EXIT", Integer.toString(mavenExit));
        if (hold) {
            pb.environment().put("FAKE_MVN_HOLD", "1");
        } else {
            pb.environment().remove("FAKE_MVN_HOLD");
        }
        return new Launch(pb.start(), stderr);
    }

    private long buildsRun() throws IOException {
        if (!Files.exists(builds)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(builds);
        return lines.stream().filter("start"::equals).count();
    }

    private static void setOneHourAgo(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static void setInAnHour(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
    }

    private record Result(int exit, String stderr) {
    }

    private record Launch(Process process, Path stderr) {

        String stderrSoFar() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }

        Result finish() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
            return new Result(process.exitValue(), stderrSoFar());
        }
    }
}
