package io.gatehouse.marauroa.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The arithmetic of Marauroa's secure login (docs/protocol/marauroa.md, section 5): MD5
 * hashes, nonces, and the password hash the client masks with both nonces.
 */
public final class SecureLogin {

    /** MD5's length: the nonces and password hashes are this long. */
    public static final int HASH_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureLogin() {
    }

    public static byte[] md5(byte[] value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    public static byte[] nonce() {
        byte[] b = new byte[HASH_LENGTH];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Byte by byte; null when the lengths differ, as Marauroa's xor answers. */
    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return null;
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** True when the client's nonce hashes to the promise it made. */
    public static boolean keepsPromise(byte[] clientNonce, byte[] promise) {
        return MessageDigest.isEqual(md5(clientNonce), promise);
    }

    /**
     * The MD5 of the client's password: the decrypted bytes xor (client nonce xor server nonce);
     * null when the lengths do not fit.
     */
    public static byte[] passwordHash(RsaKey key, byte[] encrypted, byte[] clientNonce, byte[] serverNonce) {
        byte[] mask = xor(clientNonce, serverNonce);
        if (mask == null || encrypted.length == 0) {
            return null;
        }
        return xor(key.decrypt(encrypted), mask);
    }

    /** What a client sends as the encrypted password, for a clear password. */
    public static byte[] encryptPassword(RsaKey publicKey, String password, byte[] clientNonce, byte[] serverNonce) {
        byte[] masked = xor(xor(clientNonce, serverNonce), md5(password.getBytes(StandardCharsets.UTF_8)));
        return publicKey.encrypt(masked);
    }

    /**
     * The credential the core's account store checks for a Marauroa account: the lowercase hex
     * of the password's MD5, which is all a Marauroa client ever reveals of a password.
     */
    public static char[] credential(byte[] passwordMd5) {
        return HexFormat.of().formatHex(passwordMd5).toCharArray();
    }

    public static char[] credential(String password) {
        return credential(md5(password.getBytes(StandardCharsets.UTF_8)));
    }
}
