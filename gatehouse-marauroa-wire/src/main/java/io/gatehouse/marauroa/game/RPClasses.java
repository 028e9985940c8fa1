package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A game's RPClasses by name, parents before children, as S2C_SERVERINFO carries them. An
 * unknown name (and the empty one) is the default class.
 */
public final class RPClasses {

    private final Map<String, RPClass> byName = new LinkedHashMap<>();

    public RPClasses add(RPClass c) {
        if (c.parent() != null && !byName.containsKey(c.parent().name())) {
            throw new IllegalArgumentException("class " + c.name() + ": add its parent " + c.parent().name() + " first");
        }
        if (byName.putIfAbsent(c.name(), c) != null) {
            throw new IllegalArgumentException("class " + c.name() + " is already defined");
        }
        return this;
    }

    /** The class of that name, or the default class. */
    public RPClass get(String name) {
        RPClass c = byName.get(name);
        return c == null ? DefaultRPClass.INSTANCE : c;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Collection<RPClass> all() {
        return byName.values();
    }

    /** {@code int count}, then each class. */
    public void write(WireWriter w) {
        w.writeInt(byName.size());
        byName.values().forEach(c -> c.write(w));
    }

    public static RPClasses read(WireReader r) {
        RPClasses out = new RPClasses();
        int count = r.readInt();
        List<RPClass> read = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RPClass c = RPClass.read(r, out.byName);
            out.byName.put(c.name(), c);
            read.add(c);
        }
        return out;
    }
}
