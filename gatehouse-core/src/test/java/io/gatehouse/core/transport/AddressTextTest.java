package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    @Test
    void anAcceptedPeerIsItsAddressAndPortWithoutTheSlash() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 4000);
        assertThat(AddressText.of(v4)).isEqualTo("127.0.0.1:4000");
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByAddress(new byte[16]), 5000);
        assertThat(AddressText.of(v6)).isEqualTo(v6.toString().substring(1)).doesNotStartWith("/").endsWith(":5000");
    }

    @Test
    void aPeerWithAHostNameKeepsIt() throws Exception {
        InetSocketAddress named = new InetSocketAddress(InetAddress.getByAddress("game.example", new byte[] {10, 0, 0, 7}), 7000);
        assertThat(AddressText.of(named)).isEqualTo("game.example/10.0.0.7:7000");
    }

    @Test
    void noAddressIsAQuestionMark() {
        assertThat(AddressText.of(null)).isEqualTo("?");
    }
}
