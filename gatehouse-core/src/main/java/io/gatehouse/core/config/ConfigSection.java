package io.gatehouse.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.core.time.Durations;
import io.gatehouse.core.transport.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One mapping of the config tree. Each read names its key and default; problems are
 * collected, not thrown, and {@link #finish()} reports the keys nobody asked for.
 */
public final class ConfigSection {

    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new HashSet<>();

    public ConfigSection(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.problems = problems;
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            problems.add(where("") + ": expected a mapping of keys, found " + node.getNodeType().name().toLowerCase());
            this.node = MissingNode.getInstance();
        } else {
            this.node = node == null ? MissingNode.getInstance() : node;
        }
    }

    public ConfigSection section(String key) {
        known.add(key);
        return new ConfigSection(where(key), node.path(key), problems);
    }

    /** A list of mappings, each a section named {@code key[i]}; empty by default. */
    public List<ConfigSection> sections(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(where(key) + ": expected a list of mappings");
            return List.of();
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new ConfigSection(where(key) + "[" + i + "]", v.get(i), problems));
        }
        return out;
    }

    public boolean bool(String key, boolean dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            return bad(key, v, "true or false", dflt);
        }
        return v.booleanValue();
    }

    public int integer(String key, int dflt, int min, int max) {
        return (int) whole(key, dflt, min, max);
    }

    /** A whole number in {@code [min, max]}; hexadecimal like {@code 0x1F} is taken too, as a string. */
    public long whole(String key, long dflt, long min, long max) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        String expected = "a whole number from " + min + " to " + max;
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.longValue();
        } else if (v.isTextual() && v.textValue().matches("0[xX][0-9a-fA-F]{1,16}")) {
            n = Long.parseUnsignedLong(v.textValue().substring(2), 16);
        } else {
            return bad(key, v, expected, dflt);
        }
        if (n < min || n > max) {
            return bad(key, v, expected, dflt);
        }
        return n;
    }

    public String string(String key, String dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            return bad(key, v, "text", dflt);
        }
        return v.textValue();
    }

    public Duration duration(String key, Duration dflt) {
        return parsed(key, dflt, Durations::parse, "a duration like 500ms, 30s, 5m or 24h", d -> {
            if (d.isZero()) {
                throw new IllegalArgumentException("must be more than 0");
            }
        });
    }

    /** A whole number of seconds ({@code 30}) or a duration ({@code 30s}); zero allowed. */
    public Duration seconds(String key, Duration dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0) {
            return Duration.ofSeconds(v.intValue());
        }
        return parsed(key, dflt, Durations::parse, "seconds, or a duration like 30s", d -> { });
    }

    /** One text value or a list of them (a single text is a list of one); empty by default. */
    public List<String> oneOrMore(String key) {
        JsonNode v = value(key);
        if (v != null && v.isTextual()) {
            return v.textValue().isBlank() ? List.of() : List.of(v.textValue());
        }
        return strings(key, List.of());
    }

    /** A list of text values. */
    public List<String> strings(String key, List<String> dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isArray()) {
            problems.add(where(key) + ": expected a list of texts");
            return dflt;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                problems.add(where(key) + ": '" + e + "' is not a text");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** One file path, resolved against {@code base}; null when absent. */
    public Path path(String key, Path base) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            problems.add(where(key) + ": '" + v.asText(v.toString()) + "' is not a file path");
            return null;
        }
        return base.resolve(v.textValue()).normalize();
    }

    /** A list of file paths, resolved against {@code base}; empty by default. */
    public List<Path> paths(String key, Path base) {
        JsonNode v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(where(key) + ": expected a list of file paths");
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.textValue().isBlank()) {
                problems.add(where(key) + ": '" + e.asText(e.toString()) + "' is not a file path");
            } else {
                out.add(base.resolve(e.textValue()).normalize());
            }
        }
        return out;
    }

    public HostPort hostPort(String key, HostPort dflt) {
        return parsed(key, dflt, HostPort::parse, "host:port", p -> { });
    }

    /** A text value turned into T by {@code parse}, which throws IllegalArgumentException with its reason. */
    public <T> T parsed(String key, T dflt, Function<String, T> parse, String expected, Consumer<T> check) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual() && !v.isNumber()) {
            return bad(key, v, expected, dflt);
        }
        try {
            T t = parse.apply(v.asText());
            check.accept(t);
            return t;
        } catch (IllegalArgumentException e) {
            problems.add(where(key) + ": " + e.getMessage());
            return dflt;
        }
    }

    /** Reports keys of this section that no read asked for. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                problems.add(where(k) + ": unknown key");
            }
        }
    }

    /** A text value where YAML's {@code off} / {@code false} mean "off" (returned as the text "off"). */
    public String textOrOff(String key, String dflt) {
        JsonNode v = node.get(key);
        if (v != null && v.isBoolean() && !v.booleanValue()) {
            known.add(key);
            return "off";
        }
        return string(key, dflt);
    }

    /** True when the mapping has the key (with any value). */
    public boolean has(String key) {
        known.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    public void problem(String key, String text) {
        problems.add(where(key) + ": " + text);
    }


    /** A duration, or {@code 0} / {@code off} for none (returned as {@link Duration#ZERO}). */
    public Duration durationOrOff(String key, Duration dflt) {
        return parsed(key, dflt, ConfigSection::durationOrOff, "a duration like 30s, or 0 for none", d -> { });
    }

    private static Duration durationOrOff(String t) {
        return t.equals("0") || t.equals("off") ? Duration.ZERO : Durations.parse(t);
    }

    /** A WebSocket listener given as {@code host:port/path}, or {@code off}; see {@link WebSocketBind}. */
    public WebSocketBind webSocket(String key, String dflt) {
        String ws = textOrOff(key, dflt);
        if (ws.isEmpty() || ws.equals("off")) {
            return WebSocketBind.OFF;
        }
        try {
            return WebSocketBind.parse(ws);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage() + " (expected host:port/path, or off)");
            return WebSocketBind.OFF;
        }
    }

    /**
     * A front's {@code max_connections_per_address}: open connections one address may hold (0 for
     * no cap), with the shared exemptions of {@code limits.exempt}.
     */
    public ConnectionLimit connectionsPerAddress(int dflt, AddressSet exempt) {
        return new ConnectionLimit(integer("max_connections_per_address", dflt, 0, 1_000_000), exempt);
    }

    /** The problems reported so far, in every section of this tree. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** A fresh tree's top section; its problems are collected in {@code problems}. */
    public static ConfigSection root(JsonNode tree, List<String> problems) {
        return new ConfigSection("", tree, problems);
    }

    private JsonNode value(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private <T> T bad(String key, JsonNode v, String expected, T dflt) {
        problems.add(where(key) + ": '" + v.asText(v.toString()) + "' (expected " + expected + ")");
        return dflt;
    }

    private String where(String key) {
        if (key.isEmpty()) {
            return path.isEmpty() ? "(top level)" : path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }
}
