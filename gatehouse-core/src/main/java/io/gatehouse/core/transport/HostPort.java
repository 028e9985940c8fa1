package io.gatehouse.core.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A listen address from the config file: {@code host:port}, {@code [v6]:port}; port 0 picks a free one. */
public record HostPort(String host, int port) {

    public HostPort {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected 0 to 65535)");
        }
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port");
        }
        return new HostPort(host, port);
    }

    /**
     * A listen address whose port may be left out: {@code host}, {@code host:port}, {@code [v6]},
     * {@code [v6]:port}, or an IPv6 address without brackets, which then has no port (its last
     * colon cannot tell a port from a group). This is astrond's form (docs/protocol/astron.md,
     * section 13).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static HostPort parse(String text, int defaultPort) {
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[") || text.endsWith("]") || colon > 0 && text.charAt(colon - 1) == ']';
        if (colon >= 0 && text.indexOf(':') != colon && !bracketed) {
            return new HostPort(ipv6(text, text), defaultPort);
        }
        String host = text;
        int port = defaultPort;
        if (colon >= 0 && (!bracketed || text.charAt(colon - 1) == ']')) {
            host = text.substring(0, colon);
            port = port(text, text.substring(colon + 1));
        }
        if (host.startsWith("[") != host.endsWith("]")) {
            throw new IllegalArgumentException("'" + text + "' has an unbalanced bracket");
        }
        if (host.startsWith("[")) {
            return new HostPort(ipv6(text, host.substring(1, host.length() - 1)), port);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return new HostPort(host, port);
    }

    private static int port(String text, String digits) {
        if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("'" + text + "' has no port from 0 to 65535 after its last colon");
        }
        return Integer.parseInt(digits);
    }

    /** Checks an IPv6 literal without a name lookup: only hex digits, colons, dots and a %scope reach the JDK. */
    private static String ipv6(String text, String host) {
        String bad = "'" + text + "' is not an IPv6 address (an IPv6 address with a port is written in brackets: [::1]:7199)";
        if (!host.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[0-9A-Za-z]+)?")) {
            throw new IllegalArgumentException(bad);
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(bad);
        }
        return host;
    }

    /** The address to bind; a host name that does not resolve is an IllegalArgumentException naming it. */
    public InetSocketAddress toSocketAddress() {
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the host of " + this);
        }
        return a;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
