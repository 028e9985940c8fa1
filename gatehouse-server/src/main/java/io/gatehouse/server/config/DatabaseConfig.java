package io.gatehouse.server.config;

import java.util.Locale;

/**
 * {@code database}: a JDBC URL (empty: the embedded H2 file under data_dir), credentials, pool
 * size, and how a node alone makes its logins durable ({@code journal}).
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Journal journal) {

    /** {@code database.journal}: how a control login's writes are made durable before its answer. */
    public enum Journal {
        /** In the login journal's file with one {@code write} per batch: survives {@code kill -9}, not a power loss. */
        WRITE,
        /** As {@link #WRITE}, and forced to the device: survives a power loss too. */
        FSYNC,
        /** In a store transaction per batch, as a cluster always does. */
        OFF;

        /** {@code write}, {@code fsync} or {@code off}. */
        public static Journal parse(String text) {
            return switch (text) {
                case "write" -> WRITE;
                case "fsync" -> FSYNC;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("'" + text + "' (expected write, fsync or off)");
            };
        }

        /** As written in a config file. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
