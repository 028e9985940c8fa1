package io.gatehouse.astron.clientagent;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns one client datagram (its length tag removed) into a {@link ClientRequest}
 * (docs/protocol/astron.md, sections 7 and 11): every length is checked before it is read, and a
 * datagram cut short becomes a {@link DecodeFailure} with 109, astrond's code and words for it.
 * No I/O and no state; a {@link SetField}'s value is a slice of the datagram.
 */
final class ClientDatagramDecoder {

    static final String TRUNCATED = "Datagram unexpectedly ended while iterating.";

    private ClientDatagramDecoder() {
    }

    static ClientRequest decode(ByteBuf in) {
        if (in.readableBytes() < 2) {
            return truncated(null);
        }
        int id = in.readUnsignedShortLE();
        ClientMessageType type = ClientMessageType.of(id);
        if (type == null) {
            return new NotAccepted(id);
        }
        return switch (type) {
            case HELLO -> hello(in);
            case DISCONNECT -> new Disconnect();
            case HEARTBEAT -> new Heartbeat(in.isReadable());
            case OBJECT_SET_FIELD -> in.readableBytes() < 6 ? truncated(type)
                    : new SetField(in.readUnsignedIntLE(), in.readUnsignedShortLE(), in.readSlice(in.readableBytes()));
            case OBJECT_LOCATION -> relocate(in);
            case ADD_INTEREST, ADD_INTEREST_MULTIPLE -> addInterest(in, type);
            case REMOVE_INTEREST -> in.readableBytes() < 6 ? truncated(type)
                    : new RemoveInterest(in.readUnsignedIntLE(), in.readUnsignedShortLE(), in.isReadable());
            default -> new NotAccepted(id);
        };
    }

    private static ClientRequest hello(ByteBuf in) {
        if (in.readableBytes() < 6 || in.readableBytes() < 6 + in.getUnsignedShortLE(in.readerIndex() + 4)) {
            return truncated(ClientMessageType.HELLO);
        }
        long hash = in.readUnsignedIntLE();
        String version = in.readCharSequence(in.readUnsignedShortLE(), StandardCharsets.UTF_8).toString();
        return new Hello(hash, version, in.isReadable());
    }

    private static ClientRequest relocate(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return truncated(ClientMessageType.OBJECT_LOCATION);
        }
        long doId = in.readUnsignedIntLE();
        if (in.readableBytes() < 8) {
            return new Relocate(doId, null, false);
        }
        return new Relocate(doId, new Location(in.readUnsignedIntLE(), in.readUnsignedIntLE()), in.isReadable());
    }

    /** context, interest id, parent, then one zone, or a count and that many zones. */
    private static ClientRequest addInterest(ByteBuf in, ClientMessageType type) {
        boolean multiple = type == ClientMessageType.ADD_INTEREST_MULTIPLE;
        int head = multiple ? 12 : 10;
        if (in.readableBytes() < head) {
            return truncated(type);
        }
        int count = multiple ? in.getUnsignedShortLE(in.readerIndex() + 10) : 1;
        if (in.readableBytes() < head + 4L * count) {
            return truncated(type);
        }
        long context = in.readUnsignedIntLE();
        int id = in.readUnsignedShortLE();
        long parent = in.readUnsignedIntLE();
        if (multiple) {
            in.skipBytes(2);
        }
        Set<Long> zones = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            zones.add(in.readUnsignedIntLE());
        }
        return new AddInterest(context, new Interest(id, parent, zones), multiple, in.isReadable());
    }

    private static DecodeFailure truncated(ClientMessageType type) {
        return new DecodeFailure(type, EjectCode.TRUNCATED_DATAGRAM, TRUNCATED);
    }
}
