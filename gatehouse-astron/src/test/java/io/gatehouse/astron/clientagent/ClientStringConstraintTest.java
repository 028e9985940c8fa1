package io.gatehouse.astron.clientagent;

import static io.gatehouse.astron.clientagent.AstronCluster.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.message.ClientMessageType;
import org.junit.jupiter.api.Test;

/** A client's string with a byte of 0x80 or more is ejected with 127, as astrond's value check does. */
class ClientStringConstraintTest extends GameServerTestBase {

    @Test
    void aStringThatIsNotSevenBitAsciiIs127() throws Exception {
        try (RawClient c = cluster.anonymousClient()) {
            c.send(Bytes.le().u16(ClientMessageType.OBJECT_SET_FIELD.id()).u32(LOGIN).u16(0).string("zoë").array());
            assertThat(c.expectEject(127)).isEqualTo("Client tried to send update that violates the constraints for field "
                    + "LoginManager(" + LOGIN + ").login: string byte 0xc3 is not 7-bit ASCII");
        }
    }
}
