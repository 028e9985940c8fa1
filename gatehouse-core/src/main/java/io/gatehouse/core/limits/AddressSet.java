package io.gatehouse.core.limits;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of addresses and networks written as IP literals and CIDR blocks ({@code 10.0.0.7},
 * {@code 10.0.0.0/8}, {@code 2001:db8::/32}): the addresses no per-address limit applies to
 * (a load balancer, an office, a monitoring probe). IPv4-mapped IPv6 addresses match their
 * IPv4 form. Parsing never looks a name up.
 */
public final class AddressSet {

    /** The empty set. */
    public static final AddressSet NONE = new AddressSet(List.of(), List.of());

    /** The bits of {@code ::ffff:0:0/96} before the IPv4 address of a mapped one. */
    private static final int MAPPED_PREFIX_BITS = 96;

    private record Block(byte[] network, int prefixBits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;
    private final List<String> entries;

    private AddressSet(List<Block> blocks, List<String> entries) {
        this.blocks = List.copyOf(blocks);
        this.entries = List.copyOf(entries);
    }

    /**
     * The set of these entries.
     *
     * @throws IllegalArgumentException naming every entry that is neither an IP address nor a CIDR block
     */
    public static AddressSet parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String e : entries) {
            Block b = block(e == null ? "" : e.trim());
            if (b == null) {
                bad.add("'" + e + "'");
            } else {
                blocks.add(b);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", bad)
                    + (bad.size() == 1 ? " is" : " are") + " not an IP address or CIDR block (like 10.0.0.7, 10.0.0.0/8 or 2001:db8::/32)");
        }
        return blocks.isEmpty() ? NONE : new AddressSet(blocks, entries);
    }

    private static Block block(String text) {
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        byte[] written = NetUtil.createByteArrayFromIpAddressString(ip);
        if (written == null) {
            return null;
        }
        int bits = written.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}") || Integer.parseInt(digits) > bits) {
                return null;
            }
            prefix = Integer.parseInt(digits);
        }
        byte[] network = ipv4IfMapped(written);
        if (network.length == written.length) {
            return new Block(network, prefix);
        }
        // an IPv4-mapped block: the IPv4 block it maps, or (shorter than /96) the IPv6 block as written
        return prefix >= MAPPED_PREFIX_BITS ? new Block(network, prefix - MAPPED_PREFIX_BITS) : new Block(written, prefix);
    }

    /** The four bytes of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); any other address as it is. */
    static byte[] ipv4IfMapped(byte[] address) {
        if (address == null || address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }

    public boolean contains(InetAddress address) {
        if (blocks.isEmpty()) {
            return false;
        }
        byte[] a = ipv4IfMapped(address.getAddress());
        for (Block b : blocks) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The entries as they were written. */
    public List<String> entries() {
        return entries;
    }

    /** Sets written with the same entries, in the same order, are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
