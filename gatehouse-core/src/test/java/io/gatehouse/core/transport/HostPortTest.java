package io.gatehouse.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Listen addresses, in both forms, and a host that cannot be resolved. */
class HostPortTest {

    @Test
    void aPortMayBeLeftOutWhereADefaultIsGiven() {
        assertThat(HostPort.parse("127.0.0.1:7000", 7199)).isEqualTo(new HostPort("127.0.0.1", 7000));
        assertThat(HostPort.parse("localhost", 7199)).isEqualTo(new HostPort("localhost", 7199));
        assertThat(HostPort.parse("::1", 7199)).isEqualTo(new HostPort("::1", 7199));
        assertThat(HostPort.parse("[::1]", 7199)).isEqualTo(new HostPort("::1", 7199));
        assertThat(HostPort.parse("[::1]:7000", 7199)).isEqualTo(new HostPort("::1", 7000));
        assertThat(HostPort.parse("0:0::1:1234", 7199)).as("an IPv6 address, not a port").isEqualTo(new HostPort("0:0::1:1234", 7199));
        assertThatThrownBy(() -> HostPort.parse("0:0::1:57123", 7199)).hasMessageContaining("is not an IPv6 address");
        assertThatThrownBy(() -> HostPort.parse("[::1:7000", 7199)).hasMessageContaining("unbalanced bracket");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:port", 7199)).hasMessageContaining("no port from 0 to 65535");
        assertThatThrownBy(() -> HostPort.parse(":7000", 7199)).hasMessageContaining("has no host");
    }

    @Test
    void aHostThatCannotBeResolvedIsNamedWhenItIsBound() {
        assertThatThrownBy(() -> new HostPort("no-such-host.invalid", 20).toSocketAddress())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot resolve the host of no-such-host.invalid:20");
    }
}
