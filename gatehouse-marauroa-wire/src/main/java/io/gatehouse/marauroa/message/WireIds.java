package io.gatehouse.marauroa.message;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/** Lookup tables from wire ids to enum constants that carry their id, checked once, when the enum loads. */
public final class WireIds {

    private WireIds() {
    }

    /**
     * A table indexed by id; null where no constant has that id.
     *
     * @throws IllegalStateException when two constants share an id, or one is negative
     */
    public static <E extends Enum<E>> E[] table(E[] constants, ToIntFunction<E> id) {
        int max = -1;
        for (E e : constants) {
            int i = id.applyAsInt(e);
            if (i < 0) {
                throw new IllegalStateException(e + " has a negative wire id " + i);
            }
            max = Math.max(max, i);
        }
        E[] table = Arrays.copyOf(constants, max + 1);
        Arrays.fill(table, null);
        for (E e : constants) {
            int i = id.applyAsInt(e);
            if (table[i] != null) {
                throw new IllegalStateException(e + " and " + table[i] + " share the wire id " + i);
            }
            table[i] = e;
        }
        return table;
    }
}
