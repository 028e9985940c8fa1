package io.gatehouse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A game's client that depends on gatehouse-client gets the wire and nothing of the server:
 * the classes of the store, the password hashing and the fronts' server sides are not on its
 * class path (this test runs with exactly the client's dependencies).
 */
class ClientDependenciesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "org.h2.Driver",
        "org.flywaydb.core.Flyway",
        "com.zaxxer.hikari.HikariDataSource",
        "org.postgresql.Driver",
        "org.bouncycastle.crypto.generators.Argon2BytesGenerator",
        "io.micrometer.core.instrument.MeterRegistry",
        "io.gatehouse.core.store.Database",
        "io.gatehouse.core.session.SessionRegistry",
        "io.gatehouse.control.ControlFront",
        "io.gatehouse.astron.AstronFront",
        "io.gatehouse.marauroa.MarauroaFront",
        "io.gatehouse.vcmi.VcmiFront"})
    void theServerIsNotOnTheClassPath(String serverClass) {
        assertThatThrownBy(() -> Class.forName(serverClass)).isInstanceOf(ClassNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "io.gatehouse.control.codec.ControlFrameDecoder",
        "io.gatehouse.vcmi.codec.VcmiFrameDecoder",
        "io.gatehouse.astron.dc.DcParser",
        "io.gatehouse.marauroa.codec.MarauroaCodec",
        "io.gatehouse.core.session.CloseReason"})
    void theWireIs(String wireClass) throws ClassNotFoundException {
        assertThat(Class.forName(wireClass)).isNotNull();
    }
}
