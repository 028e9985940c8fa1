package io.gatehouse.marauroa.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secure login's arithmetic, as a Marauroa client and server do it. */
class SecureLoginTest {

    private static final RsaKey KEY = RsaKey.generate(512);

    @TempDir
    Path dir;

    @Test
    void theMaskedPasswordHashComesBackWhateverItsFirstByte() {
        for (int first : new int[] {0x00, 0x01, 0x02, 0x7f, 0x80, 0xff}) {
            byte[] message = new byte[16];
            message[0] = (byte) first;
            message[15] = 42;
            assertThat(KEY.decrypt(KEY.encrypt(message))).as("first byte %02x", first).containsExactly(message);
        }
    }

    @Test
    void theServerRecoversTheMd5OfThePassword() {
        byte[] clientNonce = SecureLogin.nonce();
        byte[] serverNonce = SecureLogin.nonce();
        byte[] encrypted = SecureLogin.encryptPassword(KEY, "secret", clientNonce, serverNonce);
        byte[] hash = SecureLogin.passwordHash(KEY, encrypted, clientNonce, serverNonce);
        assertThat(hash).containsExactly(SecureLogin.md5("secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(SecureLogin.credential(hash))).isEqualTo("5ebe2294ecd0e0f08eab7690d2a6ee69");
        assertThat(SecureLogin.passwordHash(KEY, encrypted, clientNonce, new byte[3])).as("nonces of other lengths").isNull();
    }

    @Test
    void aPromiseIsTheMd5OfTheClientNonce() {
        byte[] nonce = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        assertThat(HexFormat.of().formatHex(SecureLogin.md5(nonce))).isEqualTo("1ac1ef01e96caf1be0d329331a4fc2a8");
        assertThat(SecureLogin.keepsPromise(nonce, SecureLogin.md5(nonce))).isTrue();
        assertThat(SecureLogin.keepsPromise(nonce, new byte[16])).isFalse();
    }

    @Test
    void theKeyIsMadeOnceAndKept() throws Exception {
        Path file = dir.resolve("sub").resolve("rsa.key");
        RsaKey first = RsaKey.loadOrCreate(file, 512);
        RsaKey again = RsaKey.loadOrCreate(file, 512);
        assertThat(again).isEqualTo(first);
        assertThat(first.n().bitLength()).isEqualTo(512);
        assertThat(Files.readString(file)).contains("n=" + first.n());
    }

    /** docs/protocol/marauroa.md, section 5: the worked example, computed by hand from the spec. */
    @Test
    void theSpecsWorkedExample() {
        RsaKey key = new RsaKey(new java.math.BigInteger("100433627766186892221372630609062766858404681029709092356097"),
                java.math.BigInteger.valueOf(65537),
                new java.math.BigInteger("15499423397885381203395986760745292550657831765628692176393"));
        byte[] clientNonce = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
        byte[] serverNonce = HexFormat.of().parseHex("808182838485868788898a8b8c8d8e8f");
        assertThat(HexFormat.of().formatHex(SecureLogin.md5(clientNonce))).as("the promise").isEqualTo("190c4c105786a2121d85018939108a6c");
        byte[] encrypted = SecureLogin.encryptPassword(key, "secret", clientNonce, serverNonce);
        assertThat(HexFormat.of().formatHex(encrypted)).isEqualTo("01145ff40ebd1ae9eb98f3ce697e2f85655507453c6329bde1");
        assertThat(HexFormat.of().formatHex(SecureLogin.passwordHash(key, encrypted, clientNonce, serverNonce)))
                .isEqualTo("5ebe2294ecd0e0f08eab7690d2a6ee69");
    }
}
