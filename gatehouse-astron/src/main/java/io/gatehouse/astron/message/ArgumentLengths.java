package io.gatehouse.astron.message;

import io.netty.buffer.ByteBuf;

/**
 * Whether a message from the cluster holds every argument its receiver reads, checked before
 * one is read (docs/protocol/astron.md, sections 8 and 9). astrond reads an internal datagram
 * as it goes and gives up where it ends (its roles log a truncated datagram and drop it); here
 * the same datagrams are refused as a whole, up front, so that the handlers read without
 * running past the end. The lengths are the bytes a receiver reads (which for a few messages is
 * less than the spec lists), a counted list or a length-tagged blob included; packed field values
 * are checked where they are read ({@link io.gatehouse.astron.dc.DcWire}). A type a receiver
 * does not read needs nothing. Nothing is allocated and no reader index moves.
 */
public final class ArgumentLengths {

    private ArgumentLengths() {
    }

    /** A State Server message to the State Server's control channel, to an object, or to a client about an object. */
    public static boolean complete(StateServerMessageType type, ByteBuf args) {
        return switch (type) {
            case CREATE_OBJECT_WITH_REQUIRED, CREATE_OBJECT_WITH_REQUIRED_OTHER, OBJECT_ENTER_LOCATION_WITH_REQUIRED,
                    OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER, OBJECT_ENTER_OWNER_WITH_REQUIRED,
                    OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER -> fixed(args, 14);
            case OBJECT_ENTER_INTEREST_WITH_REQUIRED, OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER -> fixed(args, 18);
            case DELETE_AI_OBJECTS, OBJECT_SET_AI, OBJECT_SET_OWNER, OBJECT_GET_ALL, OBJECT_LOCATION_ACK, OBJECT_SET_LOCATION,
                    OBJECT_GET_ZONES_COUNT_RESP -> fixed(args, 8);
            case OBJECT_DELETE_RAM, OBJECT_DELETE_CHILDREN, OBJECT_GET_AI, OBJECT_GET_LOCATION, GET_ACTIVE_ZONES -> fixed(args, 4);
            case OBJECT_SET_FIELD, OBJECT_SET_FIELDS -> fixed(args, 6);
            case OBJECT_GET_FIELD -> fixed(args, 10);
            case OBJECT_GET_FIELDS -> counted(args, 10, 8, 2);
            case OBJECT_GET_ZONE_OBJECTS, OBJECT_CHANGING_AI, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS -> fixed(args, 12);
            case DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER -> fixed(args, 16);
            case DBSS_OBJECT_GET_ACTIVATED -> fixed(args, 8);
            case DBSS_OBJECT_DELETE_DISK -> fixed(args, 4);
            case OBJECT_GET_ZONES_OBJECTS -> counted(args, 10, 8, 4);
            case OBJECT_GET_AI_RESP, OBJECT_GET_LOCATION_RESP -> fixed(args, 16);
            case OBJECT_CHANGING_LOCATION, OBJECT_CHANGING_OWNER -> fixed(args, 20);
            default -> true;
        };
    }

    /** A Database Server answer the DBSS reads: the context and the success flag. */
    public static boolean complete(DatabaseMessageType type, ByteBuf args) {
        return switch (type) {
            case OBJECT_GET_FIELD_RESP, OBJECT_GET_FIELDS_RESP, OBJECT_GET_ALL_RESP -> fixed(args, 4);
            default -> true;
        };
    }

    /** A CLIENTAGENT_* message to a client's channel. */
    public static boolean complete(ClientAgentMessageType type, ByteBuf args) {
        return switch (type) {
            case SET_STATE, REMOVE_INTEREST -> fixed(args, 2);
            case SET_CLIENT_ID, OPEN_CHANNEL, CLOSE_CHANNEL -> fixed(args, 8);
            case SEND_DATAGRAM, ADD_POST_REMOVE -> counted(args, 2, 0, 1);
            case EJECT -> counted(args, 4, 2, 1);
            case GET_NETWORK_ADDRESS, UNDECLARE_OBJECT, ADD_SESSION_OBJECT, REMOVE_SESSION_OBJECT, GET_TLVS -> fixed(args, 4);
            case DECLARE_OBJECT -> fixed(args, 6);
            case SET_FIELDS_SENDABLE -> counted(args, 6, 4, 2);
            case ADD_INTEREST -> fixed(args, 10);
            case ADD_INTEREST_MULTIPLE -> counted(args, 8, 6, 4);
            default -> true;
        };
    }

    private static boolean fixed(ByteBuf args, int bytes) {
        return args.readableBytes() >= bytes;
    }

    /** {@code head} bytes, of which a uint16 count at {@code countAt}, then that many elements of {@code elementBytes}. */
    private static boolean counted(ByteBuf args, int head, int countAt, int elementBytes) {
        return fixed(args, head) && args.readableBytes() - head >= (long) args.getUnsignedShortLE(args.readerIndex() + countAt) * elementBytes;
    }
}
