package io.gatehouse.vcmi.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LobbyEncoding} against CPython 3.11: {@code bytes.decode(codec, errors='replace')}
 * and {@code str.encode('utf-16')}, each vector written from python3 on the build machine
 * (bytes in hex, the text as its code points in hex).
 */
class LobbyEncodingTest {

    static final String[][] UTF8 = {
        {"eda080", "FFFD FFFD FFFD"}, {"c080", "FFFD FFFD"}, {"c1bf", "FFFD FFFD"}, {"e08080", "FFFD FFFD FFFD"},
        {"e09fbf", "FFFD FFFD FFFD"}, {"e0a080", "0800"}, {"f08fbfbf", "FFFD FFFD FFFD FFFD"},
        {"f4908080", "FFFD FFFD FFFD FFFD"}, {"f580", "FFFD FFFD"}, {"ff", "FFFD"}, {"80", "FFFD"}, {"e282", "FFFD"},
        {"e28241", "FFFD 0041"}, {"f09f98", "FFFD"}, {"f09f9841", "FFFD 0041"}, {"f09f9880", "1F600"},
        {"ed9fbf", "D7FF"}, {"ee8080", "E000"}, {"c3", "FFFD"}, {"61c3a962", "0061 00E9 0062"},
        {"f888808080", "FFFD FFFD FFFD FFFD FFFD"}, {"e180e18080", "FFFD 1000"},
    };

    static final String[][] UTF16 = {
        {"", ""}, {"6100", "0061"}, {"fffe6100", "0061"}, {"feff0061", "0061"}, {"0061", "6100"},
        {"610062", "0061 FFFD"}, {"00d8", "FFFD"}, {"00d86100", "FFFD 0061"}, {"00dc6100", "FFFD 0061"},
        {"3dd800de", "1F600"}, {"fffefffe", "FEFF"}, {"feff", ""}, {"fffe", ""}, {"00d800d800dc", "FFFD 10000"},
        {"3dd8", "FFFD"}, {"00d861", "FFFD"}, {"3dd800", "FFFD"}, {"61", "FFFD"}, {"fffe61", "FFFD"}, {"fffe00d8", "FFFD"},
    };

    static final String[][] UTF16_OUT = {
        {"", "fffe"}, {"a", "fffe6100"}, {"\u00e9", "fffee900"}, {"\ud83d\ude00", "fffe3dd800de"}, {"\ufeff", "fffefffe"},
    };

    static String[][] utf8() {
        return UTF8;
    }

    static String[][] utf16() {
        return UTF16;
    }

    static String[][] utf16Out() {
        return UTF16_OUT;
    }

    private static String codePoints(String s) {
        return s.codePoints().mapToObj(c -> String.format("%04X", c)).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @MethodSource("utf8")
    void utf8AsPythonReplaces(String hex, String python) {
        assertThat(codePoints(LobbyEncoding.UTF8.decode(ByteBufUtil.decodeHexDump(hex)))).isEqualTo(python);
    }

    @ParameterizedTest
    @MethodSource("utf16")
    void utf16AsPythonReads(String hex, String python) {
        assertThat(codePoints(LobbyEncoding.UTF16.decode(ByteBufUtil.decodeHexDump(hex)))).isEqualTo(python);
    }

    @ParameterizedTest
    @MethodSource("utf16Out")
    void utf16AsPythonWritesEachMessage(String text, String python) {
        assertThat(ByteBufUtil.hexDump(LobbyEncoding.UTF16.encode(text))).isEqualTo(python);
    }
}
