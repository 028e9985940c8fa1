package io.gatehouse.core.front;

import io.gatehouse.core.bus.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running front: one protocol's listeners and connections on the core's services, made by
 * {@link FrontConfig#start}. The composition root holds a list of them and knows nothing else
 * of any.
 */
public interface Front {

    /** The front's name, as its {@link FrontConfig#name()}. */
    String name();

    /** The listeners it opened, in the order an operator reads them. */
    List<Listener> listeners();

    /**
     * The topics of this front's clients, when it has them, for publishes made through the HTTP
     * API: at most one front gives them (control).
     */
    default Optional<Topics> topics() {
        return Optional.empty();
    }

    /**
     * Stops accepting, sends every client its protocol's shutdown answer, waits at most
     * {@code grace} for them to go (closing what is left), then releases what the front holds.
     * Calling it again does nothing.
     */
    void stop(Duration grace);
}
