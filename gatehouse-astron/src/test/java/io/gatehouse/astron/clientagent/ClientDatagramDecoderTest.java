package io.gatehouse.astron.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.astron.clientagent.ClientRequest.AddInterest;
import io.gatehouse.astron.clientagent.ClientRequest.DecodeFailure;
import io.gatehouse.astron.clientagent.ClientRequest.Disconnect;
import io.gatehouse.astron.clientagent.ClientRequest.Heartbeat;
import io.gatehouse.astron.clientagent.ClientRequest.Hello;
import io.gatehouse.astron.clientagent.ClientRequest.Location;
import io.gatehouse.astron.clientagent.ClientRequest.NotAccepted;
import io.gatehouse.astron.clientagent.ClientRequest.Relocate;
import io.gatehouse.astron.clientagent.ClientRequest.RemoveInterest;
import io.gatehouse.astron.clientagent.ClientRequest.SetField;
import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client datagram decoder (docs/protocol/astron.md, sections 7 and 11): each message the
 * Client Agent takes becomes its record, and every datagram cut short becomes a failure value
 * carrying 109 and astrond's words, whatever byte it ends at; nothing is thrown.
 */
class ClientDatagramDecoderTest {

    private static final byte[] HELLO = Bytes.le().u16(1).u32(0xDEADBEEFL).string("v1").array();
    private static final byte[] SET_FIELD = Bytes.le().u16(120).u32(4000).u16(3).u8(42).array();
    private static final byte[] LOCATION = Bytes.le().u16(140).u32(4000).u32(5000).u32(10).array();
    private static final byte[] ADD_INTEREST = Bytes.le().u16(200).u32(7).u16(1).u32(5000).u32(10).array();
    private static final byte[] ADD_INTEREST_MULTIPLE = Bytes.le().u16(201).u32(7).u16(1).u32(5000).u16(3).u32(10).u32(20).u32(10).array();
    private static final byte[] REMOVE_INTEREST = Bytes.le().u16(203).u32(8).u16(1).array();

    private static ClientRequest decode(byte[] datagram) {
        ByteBuf in = Unpooled.wrappedBuffer(datagram);
        try {
            return ClientDatagramDecoder.decode(in);
        } finally {
            in.release();
        }
    }

    private static byte[] plusOne(byte[] datagram) {
        return Arrays.copyOf(datagram, datagram.length + 1);
    }

    private static DecodeFailure truncated(ClientMessageType type) {
        return new DecodeFailure(type, EjectCode.TRUNCATED_DATAGRAM, "Datagram unexpectedly ended while iterating.");
    }

    @Test
    void aDatagramWithoutATypeIsTruncated() {
        assertThat(decode(new byte[0])).isEqualTo(truncated(null));
        assertThat(decode(new byte[] {1})).isEqualTo(truncated(null));
    }

    @Test
    void helloHeartbeatAndDisconnect() {
        assertThat(decode(HELLO)).isEqualTo(new Hello(0xDEADBEEFL, "v1", false));
        assertThat(decode(plusOne(HELLO))).isEqualTo(new Hello(0xDEADBEEFL, "v1", true));
        assertThat(decode(Bytes.le().u16(5).array())).isEqualTo(new Heartbeat(false));
        assertThat(decode(Bytes.le().u16(5).u8(0).array())).isEqualTo(new Heartbeat(true));
        assertThat(decode(Bytes.le().u16(3).array())).isEqualTo(new Disconnect());
    }

    @Test
    void aFieldUpdateKeepsItsValueForTheHandler() {
        ByteBuf in = Unpooled.wrappedBuffer(SET_FIELD);
        SetField m = (SetField) ClientDatagramDecoder.decode(in);
        assertThat(m.doId()).isEqualTo(4000);
        assertThat(m.fieldId()).isEqualTo(3);
        assertThat(ByteBufUtil.getBytes(m.value())).containsExactly(42);
        in.release();
    }

    @Test
    void aRelocationCutAfterItsObjectHasNoPlace() {
        assertThat(decode(LOCATION)).isEqualTo(new Relocate(4000, new Location(5000, 10), false));
        assertThat(decode(plusOne(LOCATION))).isEqualTo(new Relocate(4000, new Location(5000, 10), true));
        for (int cut = 6; cut < LOCATION.length; cut++) {
            assertThat(decode(Arrays.copyOf(LOCATION, cut))).as("cut at %d", cut).isEqualTo(new Relocate(4000, null, false));
        }
    }

    @Test
    void interests() {
        assertThat(decode(ADD_INTEREST)).isEqualTo(new AddInterest(7, new Interest(1, 5000, Set.of(10L)), false, false));
        AddInterest multiple = (AddInterest) decode(ADD_INTEREST_MULTIPLE);
        assertThat(multiple.multiple()).isTrue();
        assertThat(multiple.interest().zones()).as("zones without repeats, in order").containsExactly(10L, 20L);
        assertThat(((AddInterest) decode(plusOne(ADD_INTEREST_MULTIPLE))).excess()).isTrue();
        assertThat(decode(REMOVE_INTEREST)).isEqualTo(new RemoveInterest(8, 1, false));
    }

    @Test
    void everyCutIsAFailureCarrying109() {
        for (byte[] whole : List.of(HELLO, SET_FIELD, LOCATION, ADD_INTEREST, ADD_INTEREST_MULTIPLE, REMOVE_INTEREST)) {
            ClientMessageType type = ClientMessageType.of(whole[0] & 0xFF | (whole[1] & 0xFF) << 8);
            int last = type == ClientMessageType.OBJECT_LOCATION ? 6 : type == ClientMessageType.OBJECT_SET_FIELD ? 8 : whole.length;
            for (int cut = 2; cut < last; cut++) {
                assertThat(decode(Arrays.copyOf(whole, cut))).as("%s cut at %d", type, cut).isEqualTo(truncated(type));
            }
        }
    }

    @Test
    void aHelloWhoseVersionRunsPastTheEndIsTruncated() {
        assertThat(decode(Bytes.le().u16(1).u32(1).u16(50).string("").array())).isEqualTo(truncated(ClientMessageType.HELLO));
    }

    @Test
    void typesTheAgentDoesNotTakeFromAClient() {
        assertThat(decode(Bytes.le().u16(999).array())).isEqualTo(new NotAccepted(999));
        assertThat(decode(Bytes.le().u16(2).array())).as("HELLO_RESP goes the other way").isEqualTo(new NotAccepted(2));
        assertThat(decode(Bytes.le().u16(121).u32(1).array())).as("SET_FIELDS, refused as astrond refuses it")
                .isEqualTo(new NotAccepted(121));
    }
}
