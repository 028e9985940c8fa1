package io.gatehouse.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressSetTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void addressesAndBlocksOfBothFamilies() throws Exception {
        AddressSet s = AddressSet.parse(List.of("192.0.2.7", "10.0.0.0/8", "172.16.0.0/12", "2001:db8::/32", "::1"));
        assertThat(s.contains(ip("192.0.2.7"))).isTrue();
        assertThat(s.contains(ip("192.0.2.8"))).isFalse();
        assertThat(s.contains(ip("10.255.1.2"))).isTrue();
        assertThat(s.contains(ip("172.31.255.255"))).isTrue();
        assertThat(s.contains(ip("172.32.0.0"))).isFalse();
        assertThat(s.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(s.contains(ip("2001:db9::1"))).isFalse();
        assertThat(s.contains(ip("::1"))).isTrue();
        assertThat(s.contains(ip("::ffff:10.1.2.3"))).as("IPv4-mapped").isTrue();
        assertThat(AddressSet.parse(List.of("::ffff:10.0.0.0/104")).contains(ip("10.9.9.9"))).as("a mapped block is its IPv4 block").isTrue();
        assertThat(AddressSet.parse(List.of("0.0.0.0/0")).contains(ip("203.0.113.9"))).isTrue();
        assertThat(AddressSet.NONE.contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void everyBadEntryIsNamedAndNoNameIsLookedUp() {
        assertThatThrownBy(() -> AddressSet.parse(List.of("10.0.0.0/33", "localhost", "10.0.0.1", "::/129", "1.2.3.4/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'10.0.0.0/33', 'localhost', '::/129', '1.2.3.4/x' are not an IP address or CIDR block"
                        + " (like 10.0.0.7, 10.0.0.0/8 or 2001:db8::/32)");
    }

    @Test
    void keysCountIpv6ByItsSlash64() throws Exception {
        assertThat(AddressKey.of(ip("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(AddressKey.of(ip("::ffff:192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(AddressKey.of(ip("2001:db8:1:2:aaaa::1"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(AddressKey.of(ip("2001:db8:1:2:bbbb::9"))).isEqualTo(AddressKey.of(ip("2001:db8:1:2::1")));
        assertThat(AddressKey.of(ip("2001:db8:1:3::1"))).isNotEqualTo(AddressKey.of(ip("2001:db8:1:2::1")));
    }
}
