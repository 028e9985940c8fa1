package io.gatehouse.core.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the server must read back (API-key secrets are HMAC keys) with AES-256-GCM
 * under a key kept outside the database, so that a copy of the database alone does not give
 * them away. A sealed value is {@code aesgcm1:} and the base64 of a 12-byte nonce followed by
 * the ciphertext and its tag; the row's name is bound in as associated data, so a sealed
 * value moved to another row does not open.
 */
public final class SecretSealer {

    static final String PREFIX = "aesgcm1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretSealer(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("sealing key of " + key.length + " bytes (expected " + KEY_BYTES + ")");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A sealer with a fresh random key: for tests and throwaway stores. */
    public static SecretSealer random() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return new SecretSealer(k);
    }

    /**
     * Reads the key file (64 hex digits), or makes a random key and writes it there first,
     * readable by the owner only. Losing the file makes every sealed secret unreadable.
     */
    public static SecretSealer loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!hex.matches("[0-9a-fA-F]{" + 2 * KEY_BYTES + "}")) {
                    throw new IllegalStateException(file + ": expected " + 2 * KEY_BYTES + " hex digits (the API-key sealing key)");
                }
                return new SecretSealer(HexFormat.of().parseHex(hex));
            }
            byte[] k = new byte[KEY_BYTES];
            RANDOM.nextBytes(k);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, HexFormat.of().formatHex(k) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data folder's own permissions apply
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new SecretSealer(k);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the sealing key " + file, e);
        }
    }

    /** Whether a stored value is sealed (values stored before sealing existed are not). */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** Seals {@code secret} for the row named {@code name}. */
    public String seal(String name, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, name, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /**
     * The secret sealed for the row {@code name}; empty when it does not open (another key,
     * another row, or damaged). A value that is not sealed is returned as it is.
     */
    public Optional<String> open(String name, String stored) {
        if (!isSealed(stored)) {
            return Optional.of(stored);
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            byte[] plain = run(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE_BYTES), name,
                    Arrays.copyOfRange(all, NONCE_BYTES, all.length));
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private byte[] run(int mode, byte[] nonce, String name, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open") + " failed", e);
        }
    }
}
