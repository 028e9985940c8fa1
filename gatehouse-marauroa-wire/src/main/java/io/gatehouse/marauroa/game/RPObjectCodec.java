package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.codec.MarauroaFormatException;
import io.gatehouse.marauroa.codec.WireReader;
import io.gatehouse.marauroa.codec.WireWriter;
import io.gatehouse.marauroa.game.Definition.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RPObjects to and from the wire at a detail level (docs/protocol/marauroa.md, section 8).
 * A name is written as its class code, or as {@code short -1} and the text when the level
 * is FULL or the definition has no code. What the level does not show is left out, and
 * counted out.
 */
public final class RPObjectCodec {

    /** The first protocol version whose objects carry maps. */
    public static final int FIRST_WITH_MAPS = 33;
    /** The first protocol version with long attributes; older clients are not sent them. */
    public static final int FIRST_WITH_LONG = 35;
    private static final int MAX_DEPTH = 32;

    private RPObjectCodec() {
    }

    public static void write(RPObject o, DetailLevel level, int version, WireWriter w) {
        writeAttributes(o.rpClass(), o.attributes(), level, version, w);
        if (level == DetailLevel.FULL) {
            w.writeByte(1).writeByte(o.hidden() ? 1 : 0).writeByte(o.storable() ? 1 : 0);
        } else {
            w.writeByte(0);
        }
        writeSlots(o, level, version, w);
        List<Map.Entry<String, RPObject>> links = shown(o.rpClass(), Kind.RPLINK, o.links(), level);
        w.writeInt(links.size());
        for (Map.Entry<String, RPObject> l : links) {
            writeName(definition(o.rpClass(), Kind.RPLINK, l.getKey()), level, w, false);
            write(l.getValue(), level, version, w);
        }
        if (version >= FIRST_WITH_MAPS) {
            List<Map.Entry<String, RPObject>> maps = shown(o.rpClass(), Kind.ATTRIBUTE, o.maps(), level);
            w.writeInt(maps.size());
            maps.forEach(m -> w.writeString(m.getKey()));
            maps.forEach(m -> write(m.getValue(), level, version, w));
        }
        List<RPEvent> events = new ArrayList<>();
        for (RPEvent e : o.events()) {
            if (definition(o.rpClass(), Kind.RPEVENT, e.name()).serializedAt(level)) {
                events.add(e);
            }
        }
        w.writeInt(events.size());
        for (RPEvent e : events) {
            writeName(definition(o.rpClass(), Kind.RPEVENT, e.name()), level, w, true);
            writeAttributes(e.rpClass(), e.attributes(), level, version, w);
            if (e.rpClass().hasAny(Kind.RPSLOT)) {
                w.writeInt(0);
            }
        }
    }

    /** Attributes only (class name, count, attributes): how an RPAction travels. */
    public static void writeAttributesOnly(RPObject o, int version, WireWriter w) {
        writeAttributes(o.rpClass(), o.attributes(), DetailLevel.NORMAL, version, w);
    }

    public static RPObject readAttributesOnly(WireReader r, RPClasses classes) {
        RPClass c = classes.get(r.readString());
        RPObject o = new RPObject(c);
        readAttributesOf(r, c, o.attributes());
        return o;
    }

    private static void writeAttributes(RPClass c, Map<String, String> attributes, DetailLevel level, int version, WireWriter w) {
        List<Map.Entry<String, String>> shown = new ArrayList<>();
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            Definition d = definition(c, Kind.ATTRIBUTE, a.getKey());
            if (d.serializedAt(level) && !(d.type() == Definition.Type.LONG && version < FIRST_WITH_LONG)) {
                shown.add(a);
            }
        }
        w.writeString(c.name()).writeInt(shown.size());
        for (Map.Entry<String, String> a : shown) {
            Definition d = definition(c, Kind.ATTRIBUTE, a.getKey());
            writeName(d, level, w, false);
            d.writeValue(a.getValue(), w);
        }
    }

    private static void writeSlots(RPObject o, DetailLevel level, int version, WireWriter w) {
        List<Map.Entry<String, List<RPObject>>> slots = shown(o.rpClass(), Kind.RPSLOT, o.slots(), level);
        w.writeInt(slots.size());
        for (Map.Entry<String, List<RPObject>> s : slots) {
            writeName(definition(o.rpClass(), Kind.RPSLOT, s.getKey()), level, w, false);
            List<RPObject> objects = new ArrayList<>();
            for (RPObject child : s.getValue()) {
                if (level == DetailLevel.FULL || !child.hidden()) {
                    objects.add(child);
                }
            }
            w.writeInt(objects.size());
            objects.forEach(child -> write(child, level, version, w));
        }
    }

    private static <T> List<Map.Entry<String, T>> shown(RPClass c, Kind kind, Map<String, T> entries, DetailLevel level) {
        List<Map.Entry<String, T>> out = new ArrayList<>();
        for (Map.Entry<String, T> e : entries.entrySet()) {
            if (definition(c, kind, e.getKey()).serializedAt(level)) {
                out.add(e);
            }
        }
        return out;
    }

    private static void writeName(Definition d, DetailLevel level, WireWriter w, boolean shortName) {
        if (level == DetailLevel.FULL || d.code() == -1) {
            w.writeShort(-1);
            if (shortName) {
                w.write255String(d.name());
            } else {
                w.writeString(d.name());
            }
        } else {
            w.writeShort(d.code());
        }
    }

    private static Definition definition(RPClass c, Kind kind, String name) {
        Definition d = c.definition(kind, name);
        if (d == null) {
            throw new IllegalStateException("class " + c.name() + " does not define the " + kind + " " + name);
        }
        return d;
    }

    // ---- reading ----

    public static RPObject read(WireReader r, RPClasses classes, int version) {
        return read(r, classes, version, 0);
    }

    private static RPObject read(WireReader r, RPClasses classes, int version, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MarauroaFormatException("objects nested deeper than " + MAX_DEPTH);
        }
        RPClass c = classes.get(r.readString());
        RPObject o = new RPObject(c);
        readAttributesOf(r, c, o.attributes());
        if (r.readByte() == 1) {
            o.hidden(r.readByte() == 1).storable(r.readByte() == 1);
        }
        int slots = count(r);
        for (int i = 0; i < slots; i++) {
            String name = readName(r, c, Kind.RPSLOT, false);
            int objects = count(r);
            List<RPObject> slot = o.slot(name);
            for (int j = 0; j < objects; j++) {
                slot.add(read(r, classes, version, depth + 1));
            }
        }
        int links = count(r);
        for (int i = 0; i < links; i++) {
            String name = readName(r, c, Kind.RPLINK, false);
            o.links().put(name, read(r, classes, version, depth + 1));
        }
        if (version >= FIRST_WITH_MAPS) {
            int maps = count(r);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < maps; i++) {
                names.add(r.readString());
            }
            for (String name : names) {
                o.maps().put(name, read(r, classes, version, depth + 1));
            }
        }
        int events = count(r);
        for (int i = 0; i < events; i++) {
            String name = readName(r, c, Kind.RPEVENT, true);
            RPClass eventClass = classes.get(r.readString());
            Map<String, String> attributes = new LinkedHashMap<>();
            readAttributesOf(r, eventClass, attributes);
            if (eventClass.hasAny(Kind.RPSLOT)) {
                RPObject holder = new RPObject(eventClass);
                int eventSlots = count(r);
                for (int s = 0; s < eventSlots; s++) {
                    String slotName = readName(r, eventClass, Kind.RPSLOT, false);
                    int objects = count(r);
                    for (int j = 0; j < objects; j++) {
                        holder.slot(slotName).add(read(r, classes, version, depth + 1));
                    }
                }
            }
            o.events().add(new RPEvent(name, eventClass, attributes));
        }
        return o;
    }

    private static void readAttributesOf(WireReader r, RPClass c, Map<String, String> into) {
        int count = count(r);
        for (int i = 0; i < count; i++) {
            String name = readName(r, c, Kind.ATTRIBUTE, false);
            Definition d = c.definition(Kind.ATTRIBUTE, name);
            if (d == null) {
                throw new MarauroaFormatException("class " + c.name() + " does not define the attribute " + name);
            }
            into.put(name, d.readValue(r));
        }
    }

    private static String readName(WireReader r, RPClass c, Kind kind, boolean shortName) {
        short code = r.readShort();
        if (code == -1) {
            return shortName ? r.read255String() : r.readString();
        }
        String name = c.nameOf(kind, code);
        if (name == null) {
            throw new MarauroaFormatException("class " + c.name() + " has no " + kind + " with code " + code);
        }
        return name;
    }

    private static int count(WireReader r) {
        int n = r.readInt();
        if (n < 0 || n > WireReader.MAX_ARRAY) {
            throw new MarauroaFormatException("a list of " + n + " entries");
        }
        return n;
    }
}
