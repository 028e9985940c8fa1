package io.gatehouse.core.front;

import io.gatehouse.core.config.ConfigSection;

/**
 * A kind of front the server can run: the reader of its config section. The composition root
 * holds one per front module and calls nothing else.
 */
public interface FrontModule {

    /** The front's name, which is also its config section's key. */
    String name();

    /**
     * Reads the front's section. Every problem (a bad value, an unknown key) is reported into
     * the section, so that the root reports all of them together; the answer is then unused.
     */
    FrontConfig read(ConfigSection section, ConfigContext context);
}
