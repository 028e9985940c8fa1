package io.gatehouse.marauroa.codec;

import io.gatehouse.marauroa.codec.MarauroaCodec.Envelope;
import io.gatehouse.marauroa.codec.MarauroaMessageDecoder.Unreadable;
import io.gatehouse.marauroa.game.Content;
import io.gatehouse.marauroa.game.Definition;
import io.gatehouse.marauroa.game.Definition.Kind;
import io.gatehouse.marauroa.game.DetailLevel;
import io.gatehouse.marauroa.game.Perception;
import io.gatehouse.marauroa.game.RPClass;
import io.gatehouse.marauroa.game.RPClasses;
import io.gatehouse.marauroa.game.RPEvent;
import io.gatehouse.marauroa.game.RPObject;
import io.gatehouse.marauroa.message.AccountResult;
import io.gatehouse.marauroa.message.MarauroaMessage;
import io.gatehouse.marauroa.message.MarauroaMessage.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marauroa's messages as the JSON of its browser transport (docs/protocol/marauroa.md,
 * section 11): written byte for byte as Marauroa writes them, read as Marauroa reads them.
 * Text in, records out (and back); no I/O. A message with no JSON form on the server's
 * side, or one that cannot be read, comes out of {@link #decode} as an {@link Unreadable}.
 */
public final class MarauroaJson {

    /** The deepest nesting of objects and arrays a client message may have. */
    public static final int MAX_DEPTH = 32;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MarauroaJson() {
    }

    // ---- writing (section 11.4) ----

    /** The message as Marauroa's server writes it: header, then the fields of its type. */
    public static String encode(Envelope e) {
        StringBuilder out = new StringBuilder(128);
        MarauroaMessage m = e.message();
        out.append("{\"t\": \"").append(m.type().id()).append("\",\"c\": \"").append(e.clientId())
                .append("\",\"s\": \"").append(e.timestamp()).append('"');
        body(m, out);
        return out.append('}').toString();
    }

    private static void body(MarauroaMessage m, StringBuilder out) {
        if (m instanceof CharacterList l) {
            out.append(",\"characters\":{");
            for (int i = 0; i < l.characters().size(); i++) {
                comma(out, i);
                string(out, l.characters().get(i));
                out.append(":{");
                object(out, l.objects().get(i), DetailLevel.NORMAL);
                out.append('}');
            }
            out.append('}');
        } else if (m instanceof InvalidMessage i) {
            // Marauroa writes no comma before it
            pair(out, "reason", i.reason());
        } else if (m instanceof LoginAck a) {
            out.append(",\"previousLogins\":");
            strings(out, a.previousLogins());
        } else if (m instanceof LoginNack n) {
            out.append(",\"reason\":\"").append(n.reason().name()).append("\",\"text\":");
            string(out, n.reason().text());
        } else if (m instanceof LoginSendKey k) {
            out.append(",\"n\":\"").append(new BigInteger(k.modulus())).append("\",\"e\":\"").append(new BigInteger(k.exponent()))
                    .append("\",\"config\":[]");
        } else if (m instanceof PerceptionMessage p) {
            perception(out, p);
        } else if (m instanceof ServerInfo s) {
            out.append(",\"contents\":");
            strings(out, s.contents());
        } else if (m instanceof Transfer t) {
            contents(out, t.contents(), true);
        } else if (m instanceof TransferReq t) {
            contents(out, t.offered(), false);
        } else if (m instanceof Update u) {
            out.append(",\"update\":");
            string(out, new String(u.update(), StandardCharsets.UTF_8));
        } else if (m instanceof CreateAccountAck a) {
            out.append(',');
            pair(out, "username", a.username());
        } else if (m instanceof CreateAccountNack n) {
            out.append(',');
            pair(out, "username", "");
            reason(out, n.result());
        } else if (m instanceof CreateCharacterAck a) {
            out.append(',');
            pair(out, "charname", a.character());
            out.append(",\"template\":{");
            object(out, a.object(), DetailLevel.PRIVATE);
            out.append('}');
        } else if (m instanceof CreateCharacterNack n) {
            out.append(',');
            pair(out, "charname", "");
            reason(out, n.result());
        }
        // the rest (acks and nacks without fields, a client's messages) are the header alone
    }

    private static void perception(StringBuilder out, PerceptionMessage p) {
        Perception q = p.perception();
        out.append(',');
        pair(out, "zoneid", q.zoneId());
        out.append(",\"sync\":").append(q.type() == Perception.SYNC ? "true" : "false");
        objects(out, "aO", q.added());
        objects(out, "aA", q.modifiedAdded());
        objects(out, "dA", q.modifiedDeleted());
        objects(out, "dO", q.deleted());
        if (p.myAdded() != null) {
            out.append(",\"aM\":{");
            object(out, p.myAdded(), DetailLevel.PRIVATE);
            out.append('}');
        }
        if (p.myDeleted() != null) {
            out.append(",\"dM\":{");
            object(out, p.myDeleted(), DetailLevel.PRIVATE);
            out.append('}');
        }
    }

    private static void objects(StringBuilder out, String name, List<RPObject> list) {
        if (list.isEmpty()) {
            return;
        }
        out.append(",\"").append(name).append("\":[");
        for (int i = 0; i < list.size(); i++) {
            comma(out, i);
            out.append('{');
            object(out, list.get(i), DetailLevel.NORMAL);
            out.append('}');
        }
        out.append(']');
    }

    private static void contents(StringBuilder out, List<Content> contents, boolean withData) {
        out.append(",\"contents\":[");
        for (int i = 0; i < contents.size(); i++) {
            Content c = contents.get(i);
            comma(out, i);
            out.append("{\"name\":");
            string(out, c.name());
            out.append(",\"timestamp\":");
            string(out, Integer.toString(c.timestamp()));
            out.append(",\"hash\":");
            string(out, hex(c.md5OrEmpty()));
            out.append(",\"cachable\":").append(c.cacheable() ? "true" : "false");
            if (withData) {
                out.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(c.data())).append('"');
            }
            out.append('}');
        }
        out.append(']');
    }

    private static void reason(StringBuilder out, AccountResult r) {
        out.append(",\"reason\": {");
        pair(out, "code", Integer.toString(r.code()));
        out.append(',');
        pair(out, "name", r.name());
        out.append(',');
        pair(out, "text", r.text());
        out.append('}');
    }

    /** The members of an object (section 11.3), without its braces. */
    static void object(StringBuilder out, RPObject o, DetailLevel level) {
        attributes(out, o.rpClass(), o.attributes(), level);
        if (!o.slots().isEmpty()) {
            out.append(",\"s\":{");
            int written = 0;
            for (Map.Entry<String, List<RPObject>> s : o.slots().entrySet()) {
                List<RPObject> shown = s.getValue().stream().filter(child -> level == DetailLevel.FULL || !child.hidden()).toList();
                if (shown.isEmpty() || !definition(o.rpClass(), Kind.RPSLOT, s.getKey()).serializedAt(level)) {
                    continue;
                }
                comma(out, written++);
                string(out, s.getKey());
                out.append(":[");
                for (int i = 0; i < shown.size(); i++) {
                    comma(out, i);
                    out.append('{');
                    object(out, shown.get(i), level);
                    out.append('}');
                }
                out.append(']');
            }
            out.append('}');
        }
        if (!o.maps().isEmpty()) {
            out.append(",\"m\":{");
            int written = 0;
            for (Map.Entry<String, RPObject> m : o.maps().entrySet()) {
                if (definition(o.rpClass(), Kind.ATTRIBUTE, m.getKey()).serializedAt(level)) {
                    comma(out, written++);
                    string(out, m.getKey());
                    out.append(":{");
                    attributes(out, m.getValue().rpClass(), m.getValue().attributes(), level);
                    out.append('}');
                }
            }
            out.append('}');
        }
        if (!o.links().isEmpty()) {
            out.append(",\"l\":{");
            int written = 0;
            for (Map.Entry<String, RPObject> l : o.links().entrySet()) {
                if (definition(o.rpClass(), Kind.RPLINK, l.getKey()).serializedAt(level)) {
                    comma(out, written++);
                    string(out, l.getKey());
                    out.append(":{");
                    object(out, l.getValue(), level);
                    out.append('}');
                }
            }
            out.append('}');
        }
        if (!o.events().isEmpty()) {
            out.append(",\"e\":[");
            int written = 0;
            for (RPEvent e : o.events()) {
                if (definition(o.rpClass(), Kind.RPEVENT, e.name()).serializedAt(level)) {
                    comma(out, written++);
                    out.append('{');
                    attributes(out, e.rpClass(), e.attributes(), level);
                    out.append('}');
                }
            }
            out.append(']');
        }
    }

    private static void attributes(StringBuilder out, RPClass c, Map<String, String> attributes, DetailLevel level) {
        pair(out, "c", c.name());
        out.append(",\"a\":{");
        int written = 0;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (definition(c, Kind.ATTRIBUTE, a.getKey()).serializedAt(level)) {
                comma(out, written++);
                pair(out, a.getKey(), a.getValue());
            }
        }
        out.append('}');
    }

    private static Definition definition(RPClass c, Kind kind, String name) {
        Definition d = c.definition(kind, name);
        if (d == null) {
            throw new IllegalStateException("class " + c.name() + " does not define the " + kind + " " + name);
        }
        return d;
    }

    private static void strings(StringBuilder out, List<String> lines) {
        out.append('[');
        for (int i = 0; i < lines.size(); i++) {
            comma(out, i);
            string(out, lines.get(i));
        }
        out.append(']');
    }

    private static void comma(StringBuilder out, int index) {
        if (index > 0) {
            out.append(',');
        }
    }

    private static void pair(StringBuilder out, String key, String value) {
        string(out, key);
        out.append(':');
        string(out, value);
    }

    /** A string as Marauroa escapes it: backslash, quote, CR, LF, tab and {@code <}; nothing else. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
        return b.toString();
    }

    // ---- reading (section 11.5) ----

    /** One client message: an {@link Envelope} at version {@link MarauroaCodec#VERSION}, or an {@link Unreadable}. */
    public static Object decode(String text, RPClasses classes) {
        try {
            return read(text, classes);
        } catch (MarauroaFormatException e) {
            return new Unreadable(e.getMessage());
        }
    }

    private static Envelope read(String text, RPClasses classes) {
        if (!(JsonReader.parse(text, MAX_DEPTH) instanceof Map<?, ?> raw)) {
            throw new MarauroaFormatException("JSON: not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> in = (Map<String, Object>) raw;
        int id = number(in, "t", Byte.MIN_VALUE, Byte.MAX_VALUE);
        int clientId = number(in, "c", Integer.MIN_VALUE, Integer.MAX_VALUE);
        int timestamp = number(in, "s", Integer.MIN_VALUE, Integer.MAX_VALUE);
        MessageType type = MessageType.byId(id);
        if (type == null) {
            throw new MarauroaFormatException("JSON: unknown message type " + id);
        }
        MarauroaMessage m = switch (type) {
            case C2S_ACTION -> new Action(attributes(in.get("a"), classes, "a"), null);
            case C2S_CHOOSECHARACTER -> new ChooseCharacter(required(in, "character"));
            case C2S_LOGOUT -> new Logout(logoutReason(in.get("reason")));
            case C2S_OUTOFSYNC -> new OutOfSync();
            case C2S_TRANSFER_ACK -> new TransferAck(wanted(in.get("contents")));
            case C2S_KEEPALIVE -> new KeepAlive();
            case C2S_CREATEACCOUNT -> new CreateAccount(text(in, "u"), text(in, "p"), text(in, "e"), optionalText(in, "l"));
            case C2S_CREATECHARACTER -> new CreateCharacter(required(in, "charname"), attributes(in.get("template"), classes, "template"));
            case C2S_LOGIN_SENDUSERNAMEANDPASSWORD -> new LoginSendUsernameAndPassword(required(in, "u"), required(in, "p"));
            case C2S_UPDATE_RESPONSE -> new UpdateResponse(optionalText(in, "response"));
            case C2S_CREATE_ACCOUNT_WITH_TOKEN -> new CreateAccountWithToken(text(in, "u"), text(in, "tokenType"), text(in, "token"),
                    optionalText(in, "l"));
            default -> throw new MarauroaFormatException("JSON: message type " + type + " has no JSON form");
        };
        return new Envelope(MarauroaCodec.VERSION, clientId, timestamp, m);
    }

    /** A decimal in a string, in range, as Marauroa's {@code Byte.parseByte} and {@code Integer.parseInt} read it. */
    private static int number(Map<String, Object> in, String key, int min, int max) {
        String s = required(in, key);
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max || s.length() > 12) {
                throw new MarauroaFormatException("JSON: \"" + key + "\" " + s + " out of range");
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new MarauroaFormatException("JSON: \"" + key + "\" is not a decimal: " + s);
        }
    }

    private static String required(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new MarauroaFormatException("JSON: \"" + key + "\" must be a string" + (v == null ? "" : ", not " + v));
    }

    /** An optional member read as Marauroa's {@code toString()} reads it; "" when absent, as an absent field of C2S_CREATEACCOUNT. */
    private static String text(Map<String, Object> in, String key) {
        String s = optionalText(in, key);
        return s == null ? "" : s;
    }

    private static String optionalText(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v == null || v == JsonReader.NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal || v instanceof Boolean) {
            return v.toString();
        }
        throw new MarauroaFormatException("JSON: \"" + key + "\" must be a string");
    }

    private static int logoutReason(Object v) {
        if (v == null || v == JsonReader.NULL) {
            return 0;
        }
        try {
            return v instanceof String s ? Integer.parseInt(s) : v instanceof BigDecimal d ? d.intValueExact() : 0;
        } catch (NumberFormatException | ArithmeticException e) {
            // Marauroa logs a reason it cannot read and logs out all the same
            return 0;
        }
    }

    /** Attributes of an action or a template: strings kept, other values skipped; {@code _rpclass} names the class. */
    private static RPObject attributes(Object v, RPClasses classes, String key) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new MarauroaFormatException("JSON: \"" + key + "\" must be an object");
        }
        Object className = map.get("_rpclass");
        RPClass c = classes.get(className instanceof String s ? s : "");
        RPObject o = new RPObject(c);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (name.startsWith("_")) {
                continue;
            }
            if (c.definition(Kind.ATTRIBUTE, name) == null) {
                throw new MarauroaFormatException("JSON: class " + c.name() + " does not define the attribute " + name);
            }
            if (e.getValue() instanceof String s) {
                o.attributes().put(name, s);
            }
        }
        return o;
    }

    private static Map<String, Boolean> wanted(Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new MarauroaFormatException("JSON: \"contents\" must be an object");
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object a = e.getValue();
            out.put((String) e.getKey(), a instanceof Boolean b ? b : a instanceof String s && Boolean.parseBoolean(s));
        }
        return out;
    }
}
