package io.gatehouse.astron.eventlog;

/** What {@link EventRenderer} made of one packet: the text of an event map, or why there is none. */
public sealed interface EventRendering {

    /** A map, as text that starts with {@code {} and ends with {@code }}. */
    record Event(String map) implements EventRendering {
    }

    /**
     * A packet that gives no line; {@code rendered} is the text of the whole value when there
     * is one (a value that is not a map), else empty.
     */
    record Refused(BadEvent why, String rendered) implements EventRendering {
    }
}
