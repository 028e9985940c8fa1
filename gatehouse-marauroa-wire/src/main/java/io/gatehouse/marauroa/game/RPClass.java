package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.codec.MarauroaFormatException;
import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;
import io.gatehouse.marauroa.game.Definition.Kind;
import io.gatehouse.marauroa.game.Definition.Type;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A class of RPObjects (docs/protocol/marauroa.md, section 8): the attributes, slots, events,
 * links and static attributes its objects may have, each with a code. Codes are numbered from
 * 1 across all kinds in the order of definition; a subclass goes on from its parent's last
 * code, and looks up what it does not define itself in its parent. Every class defines
 * {@code id}, {@code zoneid} (hidden), {@code #clientid} (hidden, volatile) and {@code #db_id}
 * (hidden) first, as Marauroa's do.
 */
public class RPClass {

    private final String name;
    private RPClass parent;
    private final Map<Kind, Map<String, Definition>> definitions = new EnumMap<>(Kind.class);
    private short lastCode;

    public RPClass(String name) {
        this.name = name;
        for (Kind k : Kind.values()) {
            definitions.put(k, new LinkedHashMap<>());
        }
        if (!name.isEmpty()) {
            addAttribute("id", Type.INT, Definition.STANDARD);
            addAttribute("zoneid", Type.STRING, Definition.HIDDEN);
            addAttribute("#clientid", Type.INT, (byte) (Definition.HIDDEN | Definition.VOLATILE));
            addAttribute("#db_id", Type.INT, Definition.HIDDEN);
        }
    }

    public String name() {
        return name;
    }

    public RPClass parent() {
        return parent;
    }

    /** Makes this class a subclass: codes go on from the parent's, and its definitions are inherited. */
    public RPClass isA(RPClass parent) {
        this.parent = parent;
        this.lastCode = parent.lastCode;
        return this;
    }

    public RPClass addAttribute(String attribute, Type type, byte flags) {
        return add(new Definition(Kind.ATTRIBUTE, next(attribute), attribute, 0, null, type, flags));
    }

    public RPClass addSlot(String slot, int capacity, byte flags) {
        return add(new Definition(Kind.RPSLOT, next(slot), slot, capacity, null, Type.NOTYPE, flags));
    }

    public RPClass addEvent(String event, byte flags) {
        return add(new Definition(Kind.RPEVENT, next(event), event, 0, null, Type.NOTYPE, flags));
    }

    public RPClass addLink(String link, byte flags) {
        return add(new Definition(Kind.RPLINK, next(link), link, 0, null, Type.NOTYPE, flags));
    }

    public RPClass addStatic(String attribute, String value, byte flags) {
        return add(new Definition(Kind.STATIC, next(attribute), attribute, 0, value, Type.NOTYPE, flags));
    }

    private short next(String definitionName) {
        for (Map<String, Definition> m : definitions.values()) {
            if (m.containsKey(definitionName)) {
                throw new IllegalArgumentException("class " + name + " already defines " + definitionName);
            }
        }
        return ++lastCode;
    }

    private RPClass add(Definition d) {
        definitions.get(d.kind()).put(d.name(), d);
        return this;
    }

    /** The definition of that kind and name, the class's own or inherited; null when there is none. */
    public Definition definition(Kind kind, String definitionName) {
        Definition d = definitions.get(kind).get(definitionName);
        return d != null || parent == null ? d : parent.definition(kind, definitionName);
    }

    /** The name under that code, own or inherited; null when none. */
    public String nameOf(Kind kind, short code) {
        for (Definition d : definitions.get(kind).values()) {
            if (d.code() == code) {
                return d.name();
            }
        }
        return parent == null ? null : parent.nameOf(kind, code);
    }

    /** True when the class (or a parent) defines any of that kind. */
    public boolean hasAny(Kind kind) {
        return !definitions.get(kind).isEmpty() || parent != null && parent.hasAny(kind);
    }

    /**
     * {@code string name, byte has-parent [string parent]}, then for attributes, slots,
     * events, links and static attributes in that order: {@code int count} and the definitions.
     */
    void write(WireWriter w) {
        w.writeString(name);
        if (parent == null) {
            w.writeByte(0);
        } else {
            w.writeByte(1).writeString(parent.name);
        }
        for (Kind k : new Kind[] {Kind.ATTRIBUTE, Kind.RPSLOT, Kind.RPEVENT, Kind.RPLINK, Kind.STATIC}) {
            w.writeInt(definitions.get(k).size());
            definitions.get(k).values().forEach(d -> d.write(w));
        }
    }

    /** Reads a class; its parent must be among {@code known}. */
    static RPClass read(WireReader r, Map<String, RPClass> known) {
        String className = r.readString();
        RPClass read = new RPClass(className);
        read.definitions.values().forEach(Map::clear);
        if (r.readByte() == 1) {
            String parentName = r.readString();
            RPClass p = known.get(parentName);
            if (p == null) {
                throw new MarauroaFormatException("class " + className + " names an unknown parent " + parentName);
            }
            read.parent = p;
        }
        for (Kind k : new Kind[] {Kind.ATTRIBUTE, Kind.RPSLOT, Kind.RPEVENT, Kind.RPLINK, Kind.STATIC}) {
            int count = r.readInt();
            if (count < 0 || count > WireReader.MAX_ARRAY) {
                throw new MarauroaFormatException("class " + className + " declares " + count + " definitions");
            }
            for (int i = 0; i < count; i++) {
                Definition d = Definition.read(r);
                read.definitions.get(d.kind()).put(d.name(), d);
                read.lastCode = (short) Math.max(read.lastCode, d.code());
            }
        }
        return read;
    }

    @Override
    public String toString() {
        return "RPClass(" + name + ")";
    }
}
