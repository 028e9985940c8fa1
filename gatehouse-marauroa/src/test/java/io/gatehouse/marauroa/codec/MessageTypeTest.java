package io.gatehouse.marauroa.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every message type's wire id is the one the spec's table (docs/protocol/marauroa.md, section 3) gives it. */
class MessageTypeTest {

    private static final Pattern CELL = Pattern.compile("\\|\\s*(\\d+)\\s*\\|\\s*([CSP]2[SC]_[A-Z_]+)\\s*");

    @Test
    void idsAreTheSpecsTable() throws Exception {
        Map<String, Integer> spec = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "protocol", "marauroa.md"))) {
            Matcher m = CELL.matcher(line);
            while (m.find()) {
                spec.put(m.group(2), Integer.parseInt(m.group(1)));
            }
        }
        Map<String, Integer> code = new TreeMap<>();
        for (MessageType t : MessageType.values()) {
            code.put(t.name(), t.id());
            assertThat(MessageType.byId(t.id())).isSameAs(t);
        }
        assertThat(code).isEqualTo(spec);
        assertThat(MessageType.byId(-1)).isNull();
        assertThat(MessageType.byId(MessageType.values().length)).isNull();
    }
}
