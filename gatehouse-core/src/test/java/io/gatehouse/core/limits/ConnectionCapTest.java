package io.gatehouse.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.metrics.Refusal;
import io.gatehouse.core.metrics.Refusals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConnectionCapTest {

    private final Refusals refusals = new Refusals(new SimpleMeterRegistry(), "demo", LoggerFactory.getLogger(ConnectionCapTest.class),
            System::currentTimeMillis);

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anAddressAtItsCapIsRefusedUntilOneOfItsConnectionsCloses() throws Exception {
        ConnectionCap cap = new ConnectionCap(new ConnectionLimit(2, AddressSet.NONE), refusals);
        assertThat(cap.admit(ip("192.0.2.1"))).isTrue();
        assertThat(cap.admit(ip("192.0.2.1"))).isTrue();
        assertThat(cap.admit(ip("192.0.2.1"))).isFalse();
        assertThat(cap.admit(ip("192.0.2.2"))).as("another address").isTrue();
        assertThat(refusals.count(Refusal.CONNECTIONS_PER_ADDRESS)).isEqualTo(1);
        cap.release(ip("192.0.2.1"));
        assertThat(cap.admit(ip("192.0.2.1"))).isTrue();
        cap.release(ip("192.0.2.1"));
        cap.release(ip("192.0.2.1"));
        cap.release(ip("192.0.2.2"));
        assertThat(cap.addresses()).as("an address is kept only while it holds a connection").isZero();
    }

    @Test
    void noCapAndExemptAddressesAreNotCounted() throws Exception {
        ConnectionCap off = new ConnectionCap(ConnectionLimit.none(), refusals);
        ConnectionCap lb = new ConnectionCap(new ConnectionLimit(1, AddressSet.parse(List.of("10.0.0.5"))), refusals);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.admit(ip("192.0.2.1"))).isTrue();
            assertThat(lb.admit(ip("10.0.0.5"))).isTrue();
        }
        assertThat(off.addresses() + lb.addresses()).isZero();
        lb.release(ip("10.0.0.5"));
        assertThat(lb.admit(ip("10.0.0.6"))).isTrue();
        assertThat(lb.admit(ip("10.0.0.6"))).isFalse();
    }
}
