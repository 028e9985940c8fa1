package io.gatehouse.control.codec;

import java.util.HexFormat;

/** The byte vectors of spec section 10 (shared/spec/longport-socket.md). */
final class SpecVectors {

    static final byte[] V1_HANDSHAKE = hex("11 09");
    static final byte[] V3_AUTH_REQUEST = hex("01 02 00 00 00 01 13 88 00 00 05 0A 03 61 62 63");
    static final byte[] V4_AUTH_WITH_METADATA = hex("01 02 00 00 00 01 13 88 00 00 1C 0A 03 61 62 63"
            + "12 15 0A 0F 61 63 63 65 70 74 2D 6C 61 6E 67 75 61 67 65 12 02 65 6E");
    static final byte[] V5_AUTH_OK = hex("02 02 00 00 00 01 00 00 00 13 0A 06 73 65 73 73 2D 31 10 80 88 AF A8 BD 31 18 0A 20 01");
    static final byte[] V6_AUTH_FAILED = hex("02 02 00 00 00 01 05 00 00 12 08 91 03 12 0D 69 6E 76 61 6C 69 64 20 74 6F 6B 65 6E");
    static final byte[] V7_HEARTBEAT = hex("01 01 00 00 00 02 00 00 00 00 07 08 80 D0 95 FF BC 31");
    static final byte[] V8_HEARTBEAT_ECHO = hex("02 01 00 00 00 02 00 00 00 07 08 80 D0 95 FF BC 31");
    static final byte[] V9_HEARTBEAT_BODY = hex("08 80 D0 95 FF BC 31 10 02");
    static final byte[] V10_RECONNECT = hex("01 03 00 00 00 01 13 88 00 00 08 0A 06 73 65 73 73 2D 31");
    static final byte[] V11_RECONNECT_OK = hex("02 03 00 00 00 01 00 00 00 13 0A 06 73 65 73 73 2D 32 10 80 C0 C8 D1 BD 31 18 0A 20 01");
    static final byte[] V12_RECONNECT_REFUSED = hex("02 03 00 00 00 01 05 00 00 13 08 01 12 0F 73 65 73 73 69 6F 6E 20 65 78 70 69 72 65 64");
    static final byte[] V13_CLOSE_AUTH_ERROR = hex("03 00 00 00 0F 08 04 12 0B 61 75 74 68 20 66 61 69 6C 65 64");
    static final byte[] V14_CLOSE_HEARTBEAT_TIMEOUT = hex("03 00 00 00 00");
    static final byte[] V15_CLOSE_DUPLICATE = hex("03 00 00 00 0D 08 06 12 09 64 75 70 6C 69 63 61 74 65");
    static final byte[] V16_CLOSE_GZIP = hex("23 00 00 00 23 1F 8B 08 00 00 00 00 00 02 03 E3 60 11 E2 4E 2C 2D C9 50 48 4B CC CC 49 4D 01 00"
            + "5F E2 B0 6B 0F 00 00 00");
    static final byte[] V17_PUSH_VERIFY = hex("13 00 00 00 02 08 01 00 01 02 03 04 05 06 07"
            + "AA AA AA AA AA AA AA AA AA AA AA AA AA AA AA AA");
    static final byte[] V18_CLOSE_UNPACK_ERROR = hex("03 00 00 00 02 08 03");

    private SpecVectors() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
