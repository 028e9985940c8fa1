package io.gatehouse.core.front;

import io.gatehouse.core.session.SessionPolicy;
import java.util.List;
import java.util.Optional;

/**
 * One front's config section, read and checked: a value that may start a front any number of
 * times (a restarted server starts it again).
 */
public interface FrontConfig {

    /** The front's name: its config section, the {@code front} tag of its meters and sessions. */
    String name();

    boolean enabled();

    /**
     * What the front needs from the file system and the class path (DC files, game classes,
     * TLS files), checked without binding anything: every problem, each naming its key; empty
     * when there is none. The root checks every enabled front before any binds, and
     * {@code check-config} reports these with the rest.
     */
    default List<String> check() {
        return List.of();
    }

    /**
     * The core's session policy, when this front's section holds its keys (control's, whose
     * names follow LongPort's). At most one front gives one.
     */
    default Optional<SessionPolicy> sessionPolicy() {
        return Optional.empty();
    }

    /**
     * Builds the front on the core's services and binds its listeners. On failure nothing is
     * left bound or running.
     */
    Front start(CoreServices core) throws InterruptedException;
}
