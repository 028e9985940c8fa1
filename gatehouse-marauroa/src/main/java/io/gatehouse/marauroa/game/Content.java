package io.gatehouse.marauroa.game;

import java.util.Arrays;

/**
 * Static content a zone needs on the client (a map, say), offered to a player entering the
 * zone with S2C_TRANSFER_REQ and sent with S2C_TRANSFER when the client asks for it.
 *
 * @param name      the name the client caches it under
 * @param timestamp the content's version, as the game counts them
 * @param data      the bytes
 * @param cacheable whether the client may keep it for later
 */
public record Content(String name, int timestamp, byte[] data, boolean cacheable) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Content c && c.name.equals(name) && c.timestamp == timestamp && Arrays.equals(c.data, data)
                && c.cacheable == cacheable;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + timestamp;
    }
}
