package io.gatehouse.core.config;

import io.gatehouse.core.transport.HostPort;

/**
 * A WebSocket listener as a config names it, {@code host:port/path}: the address to bind and
 * the path upgrades must ask for ({@code /} when none is given). {@link #OFF} has no address.
 */
public record WebSocketBind(HostPort bind, String path) {

    public static final WebSocketBind OFF = new WebSocketBind(null, "/");

    /** Parses {@code host:port} or {@code host:port/path}; a bad address is an IllegalArgumentException. */
    public static WebSocketBind parse(String text) {
        int slash = text.indexOf('/', text.lastIndexOf(':') + 1);
        String hp = slash < 0 ? text : text.substring(0, slash);
        String path = slash < 0 ? "/" : text.substring(slash);
        return new WebSocketBind(HostPort.parse(hp), path);
    }

    public boolean enabled() {
        return bind != null;
    }
}
