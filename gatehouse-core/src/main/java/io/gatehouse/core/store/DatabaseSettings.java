package io.gatehouse.core.store;

import java.nio.file.Path;

/**
 * Where the store lives. The default is an embedded H2 file under the data directory,
 * written through on every commit ({@code WRITE_DELAY=0}) so that a killed process loses
 * nothing it acknowledged.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database url is empty");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool_size " + poolSize + " (must be at least 1)");
        }
    }

    /** The embedded H2 database file {@code gatehouse} in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gatehouse") + ";WRITE_DELAY=0";
    }
}
