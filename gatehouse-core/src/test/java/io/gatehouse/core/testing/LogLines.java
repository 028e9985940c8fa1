package io.gatehouse.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The lines one class's logger writes during each test, at {@code level} and above: register
 * it with {@code @RegisterExtension}. The logger's level is set for the test and put back after.
 */
public final class LogLines implements BeforeEachCallback, AfterEachCallback {

    private final Logger log;
    private final Level level;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level before;

    public LogLines(Class<?> source, Level level) {
        this.log = (Logger) LoggerFactory.getLogger(source);
        this.level = level;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = log.getLevel();
        log.setLevel(level);
        lines.list.clear();
        lines.start();
        log.addAppender(lines);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        log.detachAppender(lines);
        lines.stop();
        log.setLevel(before);
    }

    /** Every line so far, oldest first. */
    public List<ILoggingEvent> list() {
        return lines.list;
    }

    /** The formatted text of the lines at {@code at} exactly. */
    public List<String> at(Level at) {
        return lines.list.stream().filter(e -> e.getLevel() == at).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
