package io.gatehouse.server.vcmi;

import io.gatehouse.client.vcmi.VcmiPipeClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/** Pseudo-random bytes through game pipes, told apart by their SHA-256: what relay tests send and check. */
public final class PipeBytes {

    private PipeBytes() {
    }

    /** Sends {@code size} pseudo-random bytes in 64 KiB writes; returns their SHA-256. */
    public static byte[] send(VcmiPipeClient pipe, int size, long seed) {
        MessageDigest sha = sha256();
        Random random = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int sent = 0; sent < size; sent += chunk.length) {
                random.nextBytes(chunk);
                sha.update(chunk);
                pipe.sendRawAwait(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sha.digest();
    }

    /** Sends {@code size} pseudo-random bytes in writes of 1 to 70,000 bytes; returns their SHA-256. */
    public static byte[] sendOdd(VcmiPipeClient pipe, int size, long seed) {
        MessageDigest sha = sha256();
        Random random = new Random(seed);
        try {
            for (int sent = 0; sent < size; ) {
                byte[] chunk = new byte[Math.min(size - sent, 1 + random.nextInt(70_000))];
                random.nextBytes(chunk);
                sha.update(chunk);
                pipe.sendRawAwait(chunk);
                sent += chunk.length;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sha.digest();
    }

    /** Takes {@code size} bytes; returns their SHA-256. */
    public static byte[] receive(VcmiPipeClient pipe, int size) {
        MessageDigest sha = sha256();
        try {
            for (int got = 0; got < size; ) {
                byte[] b = pipe.takeSome(size - got);
                sha.update(b);
                got += b.length;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sha.digest();
    }

    /** {@code a} then {@code b}. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
