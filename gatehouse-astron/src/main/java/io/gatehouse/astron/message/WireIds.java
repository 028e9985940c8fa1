package io.gatehouse.astron.message;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Lookup tables from wire ids to the enum constants that carry them, checked once, when the enum loads. */
final class WireIds {

    private WireIds() {
    }

    /**
     * Every constant by its id.
     *
     * @throws IllegalStateException when two constants share an id, or one lies outside {@code min..max}
     */
    static <E extends Enum<E>> Map<Integer, E> table(E[] constants, ToIntFunction<E> id, int min, int max) {
        Map<Integer, E> table = new HashMap<>();
        for (E e : constants) {
            int i = id.applyAsInt(e);
            if (i < min || i > max) {
                throw new IllegalStateException(e + " has the wire id " + i + ", outside its range " + min + ".." + max);
            }
            E before = table.putIfAbsent(i, e);
            if (before != null) {
                throw new IllegalStateException(e + " and " + before + " share the wire id " + i);
            }
        }
        return Map.copyOf(table);
    }
}
