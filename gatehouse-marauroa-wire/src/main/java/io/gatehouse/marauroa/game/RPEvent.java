package io.gatehouse.marauroa.game;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to an object during a turn (a chat line, a hit), sent with the
 * object and then gone: its name in the owner's class, and its attributes under a class of
 * its own (usually of the same name).
 */
public record RPEvent(String name, RPClass rpClass, Map<String, String> attributes) {

    public RPEvent {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
