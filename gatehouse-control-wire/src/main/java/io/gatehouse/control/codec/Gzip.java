package io.gatehouse.control.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip (RFC 1952) for packet bodies, with a cap on the inflated size. */
public final class Gzip {

    private Gzip() {
    }

    /** The inflated bytes, or null when the input is not gzip or inflates past {@code maxBytes}. */
    public static byte[] inflate(byte[] compressed, int maxBytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 4096)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, compressed.length * 4 + 64));
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + n > maxBytes) {
                    return null;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] deflate(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }
}
