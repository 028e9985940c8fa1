package io.gatehouse.astron.eventlog;

import java.util.ArrayList;
import java.util.List;

/**
 * One event for astrond's event logger (docs/protocol/astron.md, section 14.2): string keys and
 * string values in order, {@code type} first and {@code sender} second. Adding a key that is
 * already there replaces its value in place, as astrond's events do.
 *
 * @param fields the keys and values, in the order they are sent
 */
public record LoggedEvent(List<Field> fields) {

    /** One key and its value. */
    public record Field(String key, String value) {
    }

    public LoggedEvent {
        fields = List.copyOf(fields);
    }

    /** An event of {@code type} from {@code sender}. */
    public static LoggedEvent of(String type, String sender) {
        return new LoggedEvent(List.of(new Field("type", type), new Field("sender", sender)));
    }

    /** This event with {@code key} set to {@code value}: replaced where it is, or added at the end. */
    public LoggedEvent with(String key, String value) {
        List<Field> out = new ArrayList<>(fields);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).key().equals(key)) {
                out.set(i, new Field(key, value));
                return new LoggedEvent(out);
            }
        }
        out.add(new Field(key, value));
        return new LoggedEvent(out);
    }
}
