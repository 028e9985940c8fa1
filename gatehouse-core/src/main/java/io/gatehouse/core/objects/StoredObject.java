package io.gatehouse.core.objects;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A persistent object as the store holds it: its id, its class and its field values by field
 * id, in ascending field order. The values are opaque bytes; the front that stored them knows
 * their types.
 */
public record StoredObject(long id, int classId, SortedMap<Integer, byte[]> fields) {

    public StoredObject {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }
}
