package io.gatehouse.marauroa.game;

import io.gatehouse.marauroa.crypto.SecureLogin;
import java.util.Arrays;

/**
 * Static content a zone needs on the client (a map, say), offered to a player entering the
 * zone with S2C_TRANSFER_REQ and sent with S2C_TRANSFER when the client asks for it.
 *
 * @param name      the name the client caches it under
 * @param timestamp the content's version, as the game counts them
 * @param data      the bytes; null in an offer a client has read (offers carry the hash only)
 * @param md5       the MD5 of the bytes, by which a client checks its cached copy; null when
 *                  read from a peer older than version 34
 * @param cacheable whether the client may keep it for later
 */
public record Content(String name, int timestamp, byte[] data, byte[] md5, boolean cacheable) {

    /** Content with its hash computed from the bytes. */
    public Content(String name, int timestamp, byte[] data, boolean cacheable) {
        this(name, timestamp, data, SecureLogin.md5(data), cacheable);
    }

    /** The hash as sent from version 34 on: an empty array when it is not known. */
    public byte[] md5OrEmpty() {
        return md5 == null ? new byte[0] : md5;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Content c && c.name.equals(name) && c.timestamp == timestamp && Arrays.equals(c.data, data)
                && Arrays.equals(c.md5, md5) && c.cacheable == cacheable;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + timestamp;
    }
}
