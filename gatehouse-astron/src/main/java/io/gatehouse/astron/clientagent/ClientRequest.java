package io.gatehouse.astron.clientagent;

import io.gatehouse.astron.message.ClientMessageType;
import io.gatehouse.astron.message.EjectCode;
import io.netty.buffer.ByteBuf;

/**
 * One datagram from a game client, decoded by {@link ClientDatagramDecoder}
 * (docs/protocol/astron.md, sections 7 and 11). {@code excess} says bytes were left after the
 * message's arguments: astrond judges that only once the message has been handled, so the
 * handler does too.
 */
sealed interface ClientRequest {

    /** The message type; null for a datagram too short to name one. */
    ClientMessageType type();

    /** CLIENT_HELLO. */
    record Hello(long dcHash, String version, boolean excess) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.HELLO;
        }
    }

    /** CLIENT_DISCONNECT. */
    record Disconnect() implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.DISCONNECT;
        }
    }

    /** CLIENT_HEARTBEAT. */
    record Heartbeat(boolean excess) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.HEARTBEAT;
        }
    }

    /**
     * CLIENT_OBJECT_SET_FIELD. {@code value} is the rest of the datagram, valid while the
     * datagram is handled: where the value ends depends on the field, which the handler checks
     * (the object and the field first, as astrond does) before it reads the value.
     */
    record SetField(long doId, int fieldId, ByteBuf value) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.OBJECT_SET_FIELD;
        }
    }

    /**
     * CLIENT_OBJECT_LOCATION. {@code to} is null when the datagram ends after the object's id:
     * astrond decides on the object before it reads on, so a cut-off location ejects (109) only
     * a client that owns the object.
     */
    record Relocate(long doId, Location to, boolean excess) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.OBJECT_LOCATION;
        }
    }

    /** Where CLIENT_OBJECT_LOCATION moves an object. */
    record Location(long parent, long zone) {
    }

    /** CLIENT_ADD_INTEREST, or CLIENT_ADD_INTEREST_MULTIPLE when {@code multiple}. */
    record AddInterest(long context, Interest interest, boolean multiple, boolean excess) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return multiple ? ClientMessageType.ADD_INTEREST_MULTIPLE : ClientMessageType.ADD_INTEREST;
        }
    }

    /** CLIENT_REMOVE_INTEREST. */
    record RemoveInterest(long context, int interestId, boolean excess) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.REMOVE_INTEREST;
        }
    }

    /** A message type the Client Agent takes from no client (unknown, or one it only sends); {@code id} as on the wire. */
    record NotAccepted(int id) implements ClientRequest {
        @Override
        public ClientMessageType type() {
            return ClientMessageType.of(id);
        }
    }

    /**
     * A datagram that could not be decoded: cut short in its type ({@code type} null) or in the
     * arguments of {@code type}, or longer than the agent takes. The handler first answers what
     * astrond checks before it reads (the state, the agent's policy), then ejects with
     * {@code code} and {@code reason}.
     */
    record DecodeFailure(ClientMessageType type, EjectCode code, String reason) implements ClientRequest {
    }
}
