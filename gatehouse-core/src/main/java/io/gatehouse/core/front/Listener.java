package io.gatehouse.core.front;

import java.net.InetSocketAddress;

/**
 * One listener a front opened, for the operator.
 *
 * @param front   the front's name
 * @param kind    what listens: {@code tcp}, {@code ws}, {@code md}, ...
 * @param address the address bound (the port the system chose when the config said 0)
 * @param shown   how the operator reads it: the configured host with the bound port, a URL, a note
 */
public record Listener(String front, String kind, InetSocketAddress address, String shown) {

    /** The configured host (as the operator wrote it, IPv6 in brackets) with the port actually bound. */
    public static String hostPort(String configuredHost, InetSocketAddress bound) {
        return (configuredHost.contains(":") ? "[" + configuredHost + "]" : configuredHost) + ":" + bound.getPort();
    }

    /** The line the server prints for it. */
    public String line() {
        return String.format("%-9s%-5s%s", front, kind, shown);
    }
}
