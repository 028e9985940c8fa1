package io.gatehouse.core.session;

/**
 * The core's handle on one live client connection of some front. The core never sees
 * sockets; when it must end a connection (duplicate, kick, shutdown) it calls {@link #close},
 * and the front sends its own wire form of the reason before closing the socket.
 */
public interface Connection {

    /** The front's name: {@code control}, {@code astron}, ... */
    String front();

    /** The peer's address as text, for login events and the sessions API. */
    String remoteAddress();

    /** Closes the connection with a reason; safe from any thread and idempotent. */
    void close(CloseReason reason, String detail);

    /**
     * How the front tells its client that reason on the wire, for operators: a control Close
     * code, an astron CLIENT_EJECT code, ... (what {@link #close} sends).
     */
    String answerTo(CloseReason reason);
}
