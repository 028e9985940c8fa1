package io.gatehouse.marauroa.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Properties;

/**
 * The server's RSA key of the secure login (docs/protocol/marauroa.md, section 5): textbook
 * RSA on big integers, as Marauroa uses it. Generated once and kept in a file under
 * {@code data_dir}, so that clients see the same key after a restart.
 *
 * @param n the modulus
 * @param e the public exponent
 * @param d the private exponent
 */
public record RsaKey(BigInteger n, BigInteger e, BigInteger d) {

    /** Reads the key file, or generates a key of {@code bits} and writes it there first (owner-only). */
    public static RsaKey loadOrCreate(Path file, int bits) throws IOException {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            String n = p.getProperty("n");
            String e = p.getProperty("e");
            String d = p.getProperty("d");
            if (n == null || e == null || d == null) {
                throw new IOException(file + ": expected the properties n, e and d");
            }
            return new RsaKey(new BigInteger(n), new BigInteger(e), new BigInteger(d));
        }
        RsaKey key = generate(bits);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, "# The marauroa front's RSA key (secure login). Keep it secret; deleting it makes a new one.\n"
                + "n=" + key.n + "\ne=" + key.e + "\nd=" + key.d + "\n");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data folder's own permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    public static RsaKey generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            var pair = g.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            RSAPrivateKey priv = (RSAPrivateKey) pair.getPrivate();
            return new RsaKey(pub.getModulus(), pub.getPublicExponent(), priv.getPrivateExponent());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("this JVM has no RSA", ex);
        }
    }

    /**
     * Decrypts what a client encrypted with {@link #encrypt}: the bytes read as a signed
     * big-endian integer, raised to {@code d} mod {@code n}, and the marker byte 1 dropped.
     */
    public byte[] decrypt(byte[] message) {
        byte[] plain = new BigInteger(message).modPow(d, n).toByteArray();
        if (plain[0] != 1) {
            return plain;
        }
        byte[] out = new byte[plain.length - 1];
        System.arraycopy(plain, 1, out, 0, out.length);
        return out;
    }

    /**
     * What a Marauroa client sends: bytes whose first byte is above 1 are read as a signed
     * integer as they are; others get a marker byte 1 in front; then raised to {@code e} mod n.
     */
    public byte[] encrypt(byte[] message) {
        BigInteger m;
        if (message[0] > 1) {
            m = new BigInteger(message);
        } else {
            byte[] marked = new byte[message.length + 1];
            marked[0] = 1;
            System.arraycopy(message, 0, marked, 1, message.length);
            m = new BigInteger(marked);
        }
        return m.modPow(e, n).toByteArray();
    }
}
