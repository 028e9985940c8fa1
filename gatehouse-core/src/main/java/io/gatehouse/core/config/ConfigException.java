package io.gatehouse.core.config;

import java.util.List;

/** The config file is unusable; the message names every offending key at once. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
