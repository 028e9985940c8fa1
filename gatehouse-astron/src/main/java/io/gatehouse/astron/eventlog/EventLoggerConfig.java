package io.gatehouse.astron.eventlog;

import io.gatehouse.core.config.ConfigSection;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An event logger role (docs/protocol/astron.md, section 14): where it listens for events, the
 * strftime pattern of its file's name and how often it starts a new file.
 *
 * @param bind           the UDP address it receives events on
 * @param directory      what a relative {@code output} is relative to (the config file's folder)
 * @param output         the file name, a strftime pattern filled in with the local time the file is opened
 * @param rotateInterval how long each file is written before the next is opened; zero for one file
 */
public record EventLoggerConfig(HostPort bind, Path directory, String output, Duration rotateInterval) {

    /** astrond's port for events, for a bind or a target without one. */
    public static final int PORT = 7197;
    /** astrond's default file name. */
    public static final String DEFAULT_OUTPUT = "events-%Y%m%d-%H%M%S.log";

    public EventLoggerConfig {
        Strftime.check(output);
        if (rotateInterval.isNegative()) {
            throw new IllegalArgumentException("rotate_interval " + rotateInterval + " (must be 0 or more)");
        }
    }

    /** astrond's defaults: every address on port 7197, its file name, no rotation. */
    public static EventLoggerConfig defaults(Path directory) {
        return new EventLoggerConfig(new HostPort("0.0.0.0", PORT), directory, DEFAULT_OUTPUT, Duration.ZERO);
    }

    /**
     * An event logger's keys, the same in astrond's role and in Gatehouse's {@code astron.eventlogger}:
     * {@code bind} (a port may be left out), {@code output} (checked as a strftime pattern) and
     * {@code rotate_interval} (a duration, or 0 for none); relative file names resolve against {@code directory}.
     */
    public static EventLoggerConfig read(ConfigSection s, Path directory) {
        EventLoggerConfig d = defaults(directory);
        HostPort bind = s.parsed("bind", d.bind(), t -> HostPort.parse(t, PORT), "host, host:port, [v6] or [v6]:port", p -> { });
        String output = s.parsed("output", d.output(), t -> t, "a file name (a strftime pattern)", Strftime::check);
        if (output.isBlank()) {
            s.problem("output", "the event log needs a file name");
            output = d.output();
        }
        Duration rotate = s.durationOrOff("rotate_interval", d.rotateInterval());
        s.finish();
        return new EventLoggerConfig(bind, directory, output, rotate);
    }

    /** Where a role sends its events: {@code host:port} (port 7197 when left out), or empty for "" and {@code off}. */
    public static Optional<HostPort> target(ConfigSection s, String key) {
        String text = s.textOrOff(key, "off");
        if (text.isEmpty() || text.equals("off")) {
            return Optional.empty();
        }
        return Optional.of(s.parsed(key, new HostPort("127.0.0.1", PORT), t -> HostPort.parse(t, PORT), "host:port, or off", p -> { }));
    }
}
