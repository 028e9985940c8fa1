package io.gatehouse.server.config;

/** {@code database}: a JDBC URL (empty: the embedded H2 file under data_dir), credentials and pool size. */
public record DatabaseConfig(String url, String user, String password, int poolSize) {
}
