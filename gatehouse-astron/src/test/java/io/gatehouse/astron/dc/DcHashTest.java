package io.gatehouse.astron.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Astron's legacy DC hash. The vectors were computed by Astron's own dclass library
 * (legacy_hash over files read with its parser and the nine default keywords) for the test
 * files beside this class; Astron's test/files/test.dc gives 0x0b77baf2 with both.
 */
class DcHashTest {

    static Path dc(String name) {
        try {
            return Path.of(DcHashTest.class.getResource("/dc/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void gameFile() {
        assertThat(DcParser.read(List.of(dc("game.dc"))).hash()).isEqualTo(0x074c6887);
    }

    @Test
    void typedefOfStringRenamesTheSharedStringType() {
        assertThat(DcParser.read(List.of(dc("alias.dc"))).hash()).isEqualTo(0x0005a645);
    }

    @Test
    void severalFilesHashAsOneInTheirOrder() {
        assertThat(DcParser.read(List.of(dc("game.dc"), dc("alias.dc"))).hash()).isEqualTo(0x087fa608);
        assertThat(DcParser.read(List.of(dc("alias.dc"), dc("game.dc"))).hash()).isEqualTo(0x08bde178);
    }

    @Test
    void emptyFile() {
        // add_int(1), add_int(0): 2*1 + 3*0
        assertThat(DcParser.parse("empty.dc", "// nothing\n").hash()).isEqualTo(2);
    }

    @Test
    void oneClassByHand() {
        // dclass A { f(uint8 x) broadcast; };  walked as Astron's legacy hash walks it
        int[] primes = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47};
        int[] ints = {1, 1, 1, 'A', 0, 1, 1, 'f', 0, 1, 4, 1, 0x0002};
        // file: 1, one type; class: name "A" (length 1, 'A'), 0 parents, 1 base field;
        // field: name "f" (1, 'f'), id 0, 1 parameter: uint8 is type 4 with divisor 1; keywords: broadcast = 2
        int expected = 0;
        for (int i = 0; i < ints.length; i++) {
            expected += primes[i] * ints[i];
        }
        assertThat(DcParser.parse("one.dc", "dclass A { f(uint8 x) broadcast; };").hash()).isEqualTo(expected);
    }
}
