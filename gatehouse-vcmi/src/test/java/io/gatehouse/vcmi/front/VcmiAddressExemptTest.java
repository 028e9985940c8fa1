package io.gatehouse.vcmi.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.limits.AddressSet;
import io.gatehouse.core.limits.ConnectionLimit;
import io.gatehouse.vcmi.VcmiConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vcmi front's per-address share is the core's connection cap, as on every front:
 * {@code limits.exempt} addresses are not counted, and a refusal is counted in
 * {@code gatehouse_refused_total{front="vcmi",reason="connections_per_address"}}
 * (docs/protocol/vcmi.md section 8; README "Limits").
 */
class VcmiAddressExemptTest extends VcmiFrontFixture {

    @Test
    void anExemptAddressPassesTheShareAndOthersAreStillCapped() throws Exception {
        VcmiConfig.Admission d = config().admission();
        start(config().withAdmission(new VcmiConfig.Admission(
                new ConnectionLimit(2, AddressSet.parse(List.of("127.0.0.6"))), d.handshakeTimeout(), d.maxHandshakeBytes(),
                d.maxHandshakePackets(), d.idleTimeout())));

        for (int i = 0; i < 3; i++) {
            RawClient exempt = connect("127.0.0.6");
            exempt.hello(5, "<GREETINGS>exempt" + i + "<VER>1.5.0");
            assertThat(exempt.readThrough("currently playing 0")).as("exempt connection %d", i).contains("exempt" + i);
        }
        assertThat(refused("connections_per_address")).isZero();

        connect("127.0.0.7");
        connect("127.0.0.7");
        assertThat(connect("127.0.0.7").readToEnd()).isEqualTo(":>>ERROR:Too many connections from your address");
        assertThat(refused("connections_per_address")).isEqualTo(1);
    }
}
