package io.gatehouse.astron.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every wire id of every family is the number the spec's tables (docs/protocol/astron.md,
 * sections 7 to 10) give it, no two constants of one family share a number, and each id
 * lies in its family's range (section 2).
 */
class WireIdsTest {

    /** A table row: {@code | 2010 / 2011 | OBJECT_GET_FIELD / _RESP | ...} or {@code | 1 | CLIENT_HELLO | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)(?:\\s*/\\s*(\\d+))?\\s*\\|\\s*([A-Z][A-Z_]+)(?:\\s*/\\s*(_[A-Z_]+))?\\s*\\|");

    private static final List<String> SPEC = read();

    private static List<String> read() {
        try {
            return Files.readAllLines(Path.of("..", "docs", "protocol", "astron.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The spec's rows whose id lies in {@code min..max}, by name without {@code prefix}. */
    private static Map<String, Integer> spec(String section, String prefix, int min, int max) {
        Map<String, Integer> out = new TreeMap<>();
        boolean in = false;
        for (String line : SPEC) {
            if (line.startsWith("## ")) {
                in = line.startsWith("## " + section + ".");
            }
            Matcher m = in ? ROW.matcher(line) : null;
            if (m == null || !m.find()) {
                continue;
            }
            String name = m.group(3).startsWith(prefix) ? m.group(3).substring(prefix.length()) : m.group(3);
            int id = Integer.parseInt(m.group(1));
            if (id < min || id > max) {
                continue;
            }
            out.put(name, id);
            if (m.group(2) != null) {
                out.put(name + m.group(4), Integer.parseInt(m.group(2)));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> Map<String, Integer> code(E[] constants, ToIntFunction<E> id) {
        Map<String, Integer> out = new TreeMap<>();
        for (E e : constants) {
            out.put(e.name(), id.applyAsInt(e));
        }
        return out;
    }

    @Test
    void clientMessagesAreTheSpecsTable() {
        assertThat(code(ClientMessageType.values(), ClientMessageType::id)).isEqualTo(spec("7", "CLIENT_", 1, 999));
        for (ClientMessageType t : ClientMessageType.values()) {
            assertThat(ClientMessageType.of(t.id())).isSameAs(t);
        }
        assertThat(ClientMessageType.of(6)).isNull();
    }

    @Test
    void clientAgentMessagesAreTheSpecsTable() {
        assertThat(code(ClientAgentMessageType.values(), ClientAgentMessageType::id)).isEqualTo(spec("8", "CLIENTAGENT_", 1000, 1999));
        for (ClientAgentMessageType t : ClientAgentMessageType.values()) {
            assertThat(ClientAgentMessageType.of(t.id())).isSameAs(t);
        }
        assertThat(ClientAgentMessageType.of(1003)).isNull();
    }

    @Test
    void stateServerMessagesAreTheSpecsTables() {
        assertThat(code(StateServerMessageType.values(), StateServerMessageType::id)).isEqualTo(spec("9", "STATESERVER_", 2000, 2999));
        for (StateServerMessageType t : StateServerMessageType.values()) {
            assertThat(StateServerMessageType.of(t.id())).isSameAs(t);
        }
        assertThat(StateServerMessageType.of(2002)).isNull();
    }

    @Test
    void databaseMessagesAreTheSpecsTable() {
        assertThat(code(DatabaseMessageType.values(), DatabaseMessageType::id)).isEqualTo(spec("10", "DBSERVER_", 3000, 3999));
        for (DatabaseMessageType t : DatabaseMessageType.values()) {
            assertThat(DatabaseMessageType.of(t.id())).isSameAs(t);
        }
        assertThat(DatabaseMessageType.of(3002)).isNull();
    }

    @Test
    void ejectCodesAreTheSpecsList() {
        Map<Integer, Integer> spec = new TreeMap<>();
        Pattern row = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|");
        boolean in = false;
        for (String line : SPEC) {
            if (line.startsWith("**Eject codes**")) {
                in = true;
            } else if (in && line.startsWith("Codes games send")) {
                break;
            }
            Matcher m = row.matcher(line);
            if (in && m.find()) {
                spec.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(1)));
            }
        }
        Map<Integer, Integer> code = new TreeMap<>();
        for (EjectCode c : EjectCode.values()) {
            code.put(c.code(), c.code());
            assertThat(EjectCode.of(c.code())).isSameAs(c);
        }
        assertThat(code).isEqualTo(spec);
    }

    private enum Twins { A, B }

    @Test
    void aSharedIdFailsTheTable() {
        assertThatThrownBy(() -> WireIds.table(Twins.values(), t -> 7, 0, 10))
                .isInstanceOf(IllegalStateException.class).hasMessage("B and A share the wire id 7");
        assertThatThrownBy(() -> WireIds.table(Twins.values(), Twins::ordinal, 1, 10))
                .isInstanceOf(IllegalStateException.class).hasMessage("A has the wire id 0, outside its range 1..10");
    }
}
