package io.gatehouse.core.limits;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What per-address limits count by: an IPv4 address as it is, an IPv6 address by its /64
 * network (one subscriber is given a whole /64, so counting single IPv6 addresses would let one
 * client pass any limit by changing its low bits). IPv4-mapped IPv6 addresses count as IPv4.
 */
public final class AddressKey {

    private static final int IPV6_NETWORK_BYTES = 8;

    private AddressKey() {
    }

    /** The key of {@code address}: {@code 192.0.2.7}, or {@code 2001:db8:1:2::/64}. */
    public static String of(InetAddress address) {
        byte[] a = AddressSet.ipv4IfMapped(address.getAddress());
        if (a.length == 4) {
            return NetUtil.bytesToIpAddress(a);
        }
        return NetUtil.bytesToIpAddress(Arrays.copyOf(Arrays.copyOf(a, IPV6_NETWORK_BYTES), 16)) + "/64";
    }
}
