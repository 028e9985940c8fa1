package io.gatehouse.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.core.config.ConfigException;
import io.gatehouse.server.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The config loader on arbitrary text, seeded with the annotated example config: a config,
 * or one {@link ConfigException} listing at least one problem, each naming what is wrong;
 * never another exception (STYLE rules 15 and 16).
 */
class ConfigLoaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void config(byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            assertThat(ConfigLoader.parse(yaml, Path.of("/fuzz"))).isNotNull();
        } catch (ConfigException expected) {
            assertThat(expected.problems()).isNotEmpty();
            assertThat(expected.problems()).allSatisfy(p -> assertThat(p).isNotBlank());
        }
    }
}
