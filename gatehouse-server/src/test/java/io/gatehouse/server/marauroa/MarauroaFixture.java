package io.gatehouse.server.marauroa;

import io.gatehouse.core.time.Scheduler;
import io.gatehouse.server.Gatehouse;
import io.gatehouse.server.config.ConfigLoader;
import java.nio.file.Path;

/**
 * A Gatehouse with only the marauroa front on a loopback port, cheap Argon2id and a 512-bit
 * key, its database in {@code dir} (so that a restart finds it again).
 */
final class MarauroaFixture {

    private MarauroaFixture() {
    }

    /** {@code marauroaKeys}: more keys of the marauroa section, each line indented two spaces. */
    static Gatehouse start(Path dir, Scheduler clock, String marauroaKeys) throws Exception {
        return Gatehouse.start(ConfigLoader.parse("""
                data_dir: data
                database: {url: "jdbc:h2:file:%s/db"}
                http: {enabled: false}
                control: {enabled: false}
                vcmi: {enabled: false}
                accounts: {argon2_memory_kib: 64, argon2_iterations: 1}
                marauroa:
                  enabled: true
                  bind: 127.0.0.1:0
                  key_bits: 512
                %s""".formatted(dir, marauroaKeys), dir), clock);
    }
}
