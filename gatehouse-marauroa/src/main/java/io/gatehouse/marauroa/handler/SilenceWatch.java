package io.gatehouse.marauroa.handler;

import io.gatehouse.core.time.Deadline;
import io.gatehouse.core.time.Scheduler;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A client's silence limit (docs/protocol/marauroa.md, section 7): one deadline at a time,
 * replaced when the limit changes, touched by every sign of life.
 */
final class SilenceWatch {

    private final Scheduler clock;
    private final Consumer<Duration> onSilence;
    private Deadline deadline;

    /** {@code onSilence} gets the limit that ran out. */
    SilenceWatch(Scheduler clock, Consumer<Duration> onSilence) {
        this.clock = clock;
        this.onSilence = onSilence;
    }

    /** Starts a new limit from now, replacing the current one. */
    void watch(Duration limit) {
        stop();
        deadline = new Deadline(clock, limit, () -> onSilence.accept(limit)).start();
    }

    void touch() {
        if (deadline != null) {
            deadline.touch();
        }
    }

    void stop() {
        if (deadline != null) {
            deadline.stop();
            deadline = null;
        }
    }
}
