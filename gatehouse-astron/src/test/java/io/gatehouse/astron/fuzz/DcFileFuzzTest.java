package io.gatehouse.astron.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.astron.dc.DcFile;
import io.gatehouse.astron.dc.DcParser;
import io.gatehouse.astron.dc.DcSyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * The DC parser, with its value reader for field defaults (docs/protocol/astron.md), on
 * arbitrary text, seeded with a real DC file: it yields a file or a {@link DcSyntaxException}
 * that says what is wrong, never another exception; and a file it yields has a hash and
 * classes whose names lead back to them.
 */
class DcFileFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void dcFile(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        DcFile dc;
        try {
            dc = DcParser.parse("fuzz.dc", text);
        } catch (DcSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        dc.hash();
        for (var c : dc.classes()) {
            assertThat(dc.classByName(c.name())).isSameAs(c);
        }
    }
}
