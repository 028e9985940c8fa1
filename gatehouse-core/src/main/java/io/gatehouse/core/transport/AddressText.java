package io.gatehouse.core.transport;

import java.net.SocketAddress;

/** How a peer's address is written in logs, login events and status pages: {@code 127.0.0.1:4000}. */
public final class AddressText {

    private AddressText() {
    }

    /**
     * The address as {@link SocketAddress#toString()} writes it, without the {@code /} an
     * unresolved host name leaves in front; {@code "?"} for none. No regular expression: this
     * runs for every login.
     */
    public static String of(SocketAddress address) {
        if (address == null) {
            return "?";
        }
        String text = address.toString();
        return text.startsWith("/") ? text.substring(1) : text;
    }
}
