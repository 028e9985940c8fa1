package io.gatehouse.astron.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.StringUtil;
import org.junit.jupiter.api.Test;

/** The text astrond's event logger writes for each MessagePack form, and the packets it refuses (astron.md, section 14.3). */
class EventRendererTest {

    /** test_eventlogger.py's STANDARD_EVENT: {"bar": "baz", "type": "foo"}. */
    static final byte[] STANDARD_EVENT = bytes("82 a3 626172 a3 62617a a4 74797065 a3 666f6f");
    /** test_eventlogger.py's NONSTANDARD_MSGPACK, "{": the positive fixint 123. */
    static final byte[] ONE_BRACE = {'{'};
    /** test_eventlogger.py's "123": the fixint 49, then two bytes more. */
    static final byte[] DIGITS = {'1', '2', '3'};

    static byte[] bytes(String hex) {
        return StringUtil.decodeHexDump(hex.replace(" ", ""));
    }

    private static String event(String hex) {
        EventRendering r = EventRenderer.render(bytes(hex));
        assertThat(r).isInstanceOf(EventRendering.Event.class);
        return ((EventRendering.Event) r).map();
    }

    private static EventRendering.Refused refused(byte[] packet) {
        EventRendering r = EventRenderer.render(packet);
        assertThat(r).isInstanceOf(EventRendering.Refused.class);
        return (EventRendering.Refused) r;
    }

    @Test
    void theStandardEventOfAstronsTestIsItsMapInOrder() {
        assertThat(((EventRendering.Event) EventRenderer.render(STANDARD_EVENT)).map()).isEqualTo("{\"bar\": \"baz\", \"type\": \"foo\"}");
    }

    @Test
    void aBraceIsTheNumber123AndNoMap() {
        EventRendering.Refused r = refused(ONE_BRACE);
        assertThat(r.why()).isEqualTo(BadEvent.NOT_A_MAP);
        assertThat(r.rendered()).isEqualTo("123");
    }

    @Test
    void bytesAfterTheValueAreExtraneous() {
        assertThat(refused(DIGITS).why()).isEqualTo(BadEvent.EXTRANEOUS);
        assertThat(refused(bytes("80 c0")).why()).isEqualTo(BadEvent.EXTRANEOUS);
    }

    @Test
    void aPacketThatEndsInsideAValueIsTruncated() {
        assertThat(refused(new byte[0]).why()).isEqualTo(BadEvent.TRUNCATED);
        assertThat(refused(bytes("82 a3 626172")).why()).isEqualTo(BadEvent.TRUNCATED);
        assertThat(refused(bytes("81 a1 61 db 7fffffff 41")).why()).as("a str32 longer than the packet").isEqualTo(BadEvent.TRUNCATED);
        assertThat(refused(bytes("81 a1 61 dd ffffffff")).why()).as("an array32 no packet can hold").isEqualTo(BadEvent.TRUNCATED);
        assertThat(refused(bytes("cd 01")).why()).isEqualTo(BadEvent.TRUNCATED);
    }

    @Test
    void scalarsAreWrittenAsJson() {
        assertThat(event("87 a1 61 c0 a1 62 c3 a1 63 c2 a1 64 7f a1 65 e0 a1 66 d0 80 a1 67 cf ffffffffffffffff"))
                .isEqualTo("{\"a\": null, \"b\": true, \"c\": false, \"d\": 127, \"e\": -32, \"f\": -128, \"g\": 18446744073709551615}");
        assertThat(event("84 a1 61 cc ff a1 62 cd 0102 a1 63 ce 01020304 a1 64 d3 8000000000000000"))
                .isEqualTo("{\"a\": 255, \"b\": 258, \"c\": 16909060, \"d\": -9223372036854775808}");
    }

    @Test
    void floatsHaveSixSignificantDigitsAsCppWritesThem() {
        assertThat(event("83 a1 61 cb 400921f9f01b866e a1 62 ca 3f800000 a1 63 cb 4415af1d78b58c40"))
                .isEqualTo("{\"a\": 3.14159, \"b\": 1, \"c\": 1e+20}");
        assertThat(EventRenderer.general(0.0001)).isEqualTo("0.0001");
        assertThat(EventRenderer.general(0.00001234)).isEqualTo("1.234e-05");
        assertThat(EventRenderer.general(123456)).isEqualTo("123456");
        assertThat(EventRenderer.general(1234567)).isEqualTo("1.23457e+06");
        assertThat(EventRenderer.general(-2.5)).isEqualTo("-2.5");
        assertThat(EventRenderer.general(Double.NaN)).isEqualTo("nan");
        assertThat(EventRenderer.general(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void stringsEscapeQuotesBackslashesAndEveryByteOutsidePrintableAscii() {
        assertThat(event("81 a1 73 ab 22 5c 08 09 0a 0b 0c 0d 01 7f c3"))
                .isEqualTo("{\"s\": \"\\\"\\\\\\b\\t\\n\\v\\f\\r\\x01\\x7f\\xc3\"}");
    }

    @Test
    void binaryIsWrittenAsAStringAndExtensionsWithTheirType() {
        assertThat(event("82 a1 62 c4 02 6869 a1 65 d4 05 41")).isEqualTo("{\"b\": \"hi\", \"e\": ext(5, \"A\")}");
    }

    @Test
    void containersNestAndTheNeverUsedByteIsInvalid() {
        assertThat(event("82 a1 6c 93 01 90 80 c1 92 a1 78 c1")).isEqualTo("{\"l\": [1, [], {}], *INVALID*: [\"x\", *INVALID*]}");
        assertThat(event("80")).isEqualTo("{}");
        assertThat(event("81 01 02")).as("any key").isEqualTo("{1: 2}");
    }

    @Test
    void deepNestingNeedsNoStack() {
        int depth = 60_000;
        byte[] packet = new byte[depth + 2];
        packet[0] = (byte) 0x81;
        packet[1] = (byte) 0xa0;
        for (int i = 2; i < packet.length - 1; i++) {
            packet[i] = (byte) 0x91;
        }
        packet[packet.length - 1] = (byte) 0x90;
        String map = ((EventRendering.Event) EventRenderer.render(packet)).map();
        assertThat(map.startsWith("{\"\": [[") && map.endsWith("]]}")).isTrue();
        assertThat(map.length()).as("the key, %d arrays and the brace", depth).isEqualTo(5 + 2 * depth + 1);
    }

    @Test
    void theEncoderPacksAsAstrondsRolesPack() {
        LoggedEvent e = LoggedEvent.of("client-ejected", "Client:100").with("reason_code", "124").with("reason_msg", "x".repeat(40));
        assertThat(StringUtil.toHexString(EventEncoder.encode(e))).isEqualTo("84"
                + "a474797065" + "ae" + StringUtil.toHexString("client-ejected".getBytes())
                + "a673656e646572" + "aa" + StringUtil.toHexString("Client:100".getBytes())
                + "ab" + StringUtil.toHexString("reason_code".getBytes()) + "a3313234"
                + "aa" + StringUtil.toHexString("reason_msg".getBytes()) + "da0028" + "78".repeat(40));
        assertThat(e.with("sender", "Client:7").fields().get(1)).isEqualTo(new LoggedEvent.Field("sender", "Client:7"));
    }
}
