package io.gatehouse.vcmi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PythonInt} against what CPython 3.11's {@code int(text)} gives ("ValueError" where it raises). */
class PythonIntTest {

    /** Written from python3 on the build machine: {@code str(int(text))} or ValueError. */
    static final String[][] VECTORS = {
        {"0", "0"}, {"7", "7"}, {"-7", "-7"}, {"+7", "7"}, {"007", "7"}, {"-0", "0"},
        {"1_000", "1000"}, {"0_3", "3"}, {"1__0", "ValueError"}, {"_1", "ValueError"}, {"1_", "ValueError"},
        {"+_1", "ValueError"}, {"-_1", "ValueError"}, {" 7 ", "7"}, {"\t7\n", "7"}, {"\u30007\u2003", "7"},
        {"\u001c7\u001f", "ValueError"}, {"\u00a07\u0085", "7"}, {"7\u200b", "ValueError"}, {"1 2", "ValueError"},
        {"- 7", "ValueError"}, {"+-7", "ValueError"}, {"", "ValueError"}, {"  ", "ValueError"}, {"+", "ValueError"},
        {"\u0663", "3"}, {"\u0967\u0968", "12"}, {"\uff10\uff18", "8"}, {"1\u0663", "13"}, {"\u00b2", "ValueError"},
        {"\u00bd", "ValueError"}, {"\u216b", "ValueError"}, {"1.0", "ValueError"}, {"1e3", "ValueError"},
        {"0x10", "ValueError"}, {"99999999999999999999999", "99999999999999999999999"}, {"1_\u0663", "13"},
        {"\u0663_1", "31"}, {"\ud835\udfd7", "9"}, {"\u0667\u0660", "70"}, {"1234567890", "1234567890"},
        {"\u001c\u0663", "ValueError"}, {"\u00857", "7"}, {"\u2028 7", "7"},
        {"1".repeat(4300), "1".repeat(4300)}, {"1".repeat(4301), "ValueError"}, {"0".repeat(4300) + "1", "ValueError"},
    };

    static String[][] vectors() {
        return VECTORS;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void parsesAsPythonsInt(String text, String python) {
        var value = PythonInt.parse(text);
        assertThat(value == null ? "ValueError" : value.toString()).isEqualTo(python);
    }
}
