package io.gatehouse.astron.eventlog;

/**
 * Why the event logger writes no line for a packet (docs/protocol/astron.md, section 14.3);
 * each is a fault of its sender, counted under its kind.
 */
public enum BadEvent {
    /** The packet ends inside a value. */
    TRUNCATED("event_truncated", "a truncated packet"),
    /** Bytes follow the first value. */
    EXTRANEOUS("event_extraneous", "a packet with extraneous data"),
    /** The value is whole but is not a map. */
    NOT_A_MAP("event_not_a_map", "a non-map event");

    private final String faultKind;
    private final String what;

    BadEvent(String faultKind, String what) {
        this.faultKind = faultKind;
        this.what = what;
    }

    /** The kind it is counted under in {@code gatehouse_client_faults_total}. */
    public String faultKind() {
        return faultKind;
    }

    /** Plain words for the log line. */
    public String what() {
        return what;
    }
}
