package io.gatehouse.control.codec;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.gatehouse.control.message.AuthRequest;
import io.gatehouse.control.message.AuthResponse;
import io.gatehouse.control.message.Close;
import io.gatehouse.control.message.ErrorBody;
import io.gatehouse.control.message.Heartbeat;
import io.gatehouse.control.message.Notification;
import io.gatehouse.control.message.Publish;
import io.gatehouse.control.message.PublishResponse;
import io.gatehouse.control.message.ReconnectRequest;
import io.gatehouse.control.message.Subscribe;
import io.gatehouse.control.message.SubscribeResponse;
import io.gatehouse.control.message.Unsubscribe;
import io.gatehouse.control.message.UnsubscribeResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protobuf (proto3) encodings of the control bodies, written against protobuf-java's wire
 * primitives so that no generated code is needed. proto3 rules hold both ways: fields at
 * their default are not written, absent fields read as defaults, unknown fields are skipped.
 */
public final class ControlBodies {

    private static final int STRING = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;

    private ControlBodies() {
    }

    // ---- encoding ------------------------------------------------------------------------

    /**
     * The encoder's buffer: most bodies fit in it whole, and a larger one passes through it.
     * protobuf's own default (4 KiB) was an allocation of 4 KiB for every answer.
     */
    private static final int ENCODER_BUFFER = 256;

    public static byte[] encode(AuthRequest m) {
        return write(out -> {
            string(out, 1, m.token());
            map(out, 2, m.metadata());
        });
    }

    public static byte[] encode(ReconnectRequest m) {
        return write(out -> {
            string(out, 1, m.sessionId());
            map(out, 2, m.metadata());
        });
    }

    public static byte[] encode(AuthResponse m) {
        return write(out -> {
            string(out, 1, m.sessionId());
            if (m.expiresMillis() != 0) {
                out.writeInt64(2, m.expiresMillis());
            }
            if (m.limit() != 0) {
                out.writeUInt32(3, (int) m.limit());
            }
            if (m.online() != 0) {
                out.writeUInt32(4, (int) m.online());
            }
        });
    }

    public static byte[] encode(Close m) {
        return write(out -> {
            if (m.code() != 0) {
                out.writeEnum(1, m.code());
            }
            string(out, 2, m.reason());
        });
    }

    public static byte[] encode(ErrorBody m) {
        return write(out -> {
            if (m.code() != 0) {
                out.writeUInt64(1, m.code());
            }
            string(out, 2, m.msg());
        });
    }

    public static byte[] encode(Heartbeat m) {
        return write(out -> {
            if (m.timestampMillis() != 0) {
                out.writeInt64(1, m.timestampMillis());
            }
            if (m.heartbeatId() != null) {
                out.writeInt32(2, m.heartbeatId());
            }
        });
    }

    public static byte[] encode(Subscribe m) {
        return write(out -> strings(out, 1, m.topics()));
    }

    public static byte[] encode(SubscribeResponse m) {
        return write(out -> {
            strings(out, 1, m.success());
            for (SubscribeResponse.Failure f : m.fail()) {
                out.writeByteArray(2, write(inner -> {
                    string(inner, 1, f.topic());
                    string(inner, 2, f.reason());
                }));
            }
            strings(out, 3, m.current());
        });
    }

    public static byte[] encode(Unsubscribe m) {
        return write(out -> strings(out, 1, m.topics()));
    }

    /** {@code UnsubResponse} has its one field as number 3, like {@code SubResponse.current}. */
    public static byte[] encode(UnsubscribeResponse m) {
        return write(out -> strings(out, 3, m.current()));
    }

    public static byte[] encode(Notification m) {
        return write(out -> {
            string(out, 1, m.topic());
            if (m.contentType() != 0) {
                out.writeEnum(2, m.contentType());
            }
            if (m.dispatchType() != 0) {
                out.writeEnum(3, m.dispatchType());
            }
            if (m.data().length > 0) {
                out.writeByteArray(4, m.data());
            }
        });
    }

    public static byte[] encode(Publish m) {
        return write(out -> {
            string(out, 1, m.topic());
            if (m.data().length > 0) {
                out.writeByteArray(2, m.data());
            }
            if (m.contentType() != 0) {
                out.writeEnum(3, m.contentType());
            }
        });
    }

    public static byte[] encode(PublishResponse m) {
        return write(out -> {
            if (m.delivered() != 0) {
                out.writeUInt32(1, (int) m.delivered());
            }
        });
    }

    // ---- decoding ------------------------------------------------------------------------

    public static AuthRequest decodeAuthRequest(byte[] body) throws InvalidProtocolBufferException {
        String[] token = {""};
        Map<String, String> meta = new LinkedHashMap<>();
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { token[0] = in.readStringRequireUtf8(); yield true; }
            case 2 << 3 | STRING -> { readEntry(in, meta); yield true; }
            default -> false;
        });
        return new AuthRequest(token[0], Collections.unmodifiableMap(meta));
    }

    public static ReconnectRequest decodeReconnectRequest(byte[] body) throws InvalidProtocolBufferException {
        AuthRequest same = decodeAuthRequest(body);
        return new ReconnectRequest(same.token(), same.metadata());
    }

    public static AuthResponse decodeAuthResponse(byte[] body) throws InvalidProtocolBufferException {
        String[] id = {""};
        long[] n = new long[3];
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { id[0] = in.readStringRequireUtf8(); yield true; }
            case 2 << 3 | VARINT -> { n[0] = in.readInt64(); yield true; }
            case 3 << 3 | VARINT -> { n[1] = Integer.toUnsignedLong(in.readUInt32()); yield true; }
            case 4 << 3 | VARINT -> { n[2] = Integer.toUnsignedLong(in.readUInt32()); yield true; }
            default -> false;
        });
        return new AuthResponse(id[0], n[0], n[1], n[2]);
    }

    public static Close decodeClose(byte[] body) throws InvalidProtocolBufferException {
        int[] code = {0};
        String[] reason = {""};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | VARINT -> { code[0] = in.readEnum(); yield true; }
            case 2 << 3 | STRING -> { reason[0] = in.readStringRequireUtf8(); yield true; }
            default -> false;
        });
        return new Close(code[0], reason[0]);
    }

    public static ErrorBody decodeError(byte[] body) throws InvalidProtocolBufferException {
        long[] code = {0};
        String[] msg = {""};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | VARINT -> { code[0] = in.readUInt64(); yield true; }
            case 2 << 3 | STRING -> { msg[0] = in.readStringRequireUtf8(); yield true; }
            default -> false;
        });
        return new ErrorBody(code[0], msg[0]);
    }

    public static Heartbeat decodeHeartbeat(byte[] body) throws InvalidProtocolBufferException {
        long[] ts = {0};
        Integer[] id = {null};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | VARINT -> { ts[0] = in.readInt64(); yield true; }
            case 2 << 3 | VARINT -> { id[0] = in.readInt32(); yield true; }
            default -> false;
        });
        return new Heartbeat(ts[0], id[0]);
    }

    public static Subscribe decodeSubscribe(byte[] body) throws InvalidProtocolBufferException {
        return new Subscribe(readStrings(body, 1));
    }

    public static Unsubscribe decodeUnsubscribe(byte[] body) throws InvalidProtocolBufferException {
        return new Unsubscribe(readStrings(body, 1));
    }

    public static UnsubscribeResponse decodeUnsubscribeResponse(byte[] body) throws InvalidProtocolBufferException {
        return new UnsubscribeResponse(readStrings(body, 3));
    }

    public static SubscribeResponse decodeSubscribeResponse(byte[] body) throws InvalidProtocolBufferException {
        List<String> success = new ArrayList<>();
        List<SubscribeResponse.Failure> fail = new ArrayList<>();
        List<String> current = new ArrayList<>();
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { success.add(in.readStringRequireUtf8()); yield true; }
            case 2 << 3 | STRING -> {
                String[] f = {"", ""};
                read(in.readByteArray(), (inner, t) -> switch (t) {
                    case 1 << 3 | STRING -> { f[0] = inner.readStringRequireUtf8(); yield true; }
                    case 2 << 3 | STRING -> { f[1] = inner.readStringRequireUtf8(); yield true; }
                    default -> false;
                });
                fail.add(new SubscribeResponse.Failure(f[0], f[1]));
                yield true;
            }
            case 3 << 3 | STRING -> { current.add(in.readStringRequireUtf8()); yield true; }
            default -> false;
        });
        return new SubscribeResponse(List.copyOf(success), List.copyOf(fail), List.copyOf(current));
    }

    public static Notification decodeNotification(byte[] body) throws InvalidProtocolBufferException {
        String[] topic = {""};
        int[] types = {0, 0};
        byte[][] data = {new byte[0]};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { topic[0] = in.readStringRequireUtf8(); yield true; }
            case 2 << 3 | VARINT -> { types[0] = in.readEnum(); yield true; }
            case 3 << 3 | VARINT -> { types[1] = in.readEnum(); yield true; }
            case 4 << 3 | STRING -> { data[0] = in.readByteArray(); yield true; }
            default -> false;
        });
        return new Notification(topic[0], types[0], types[1], data[0]);
    }

    public static Publish decodePublish(byte[] body) throws InvalidProtocolBufferException {
        String[] topic = {""};
        byte[][] data = {new byte[0]};
        int[] type = {0};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { topic[0] = in.readStringRequireUtf8(); yield true; }
            case 2 << 3 | STRING -> { data[0] = in.readByteArray(); yield true; }
            case 3 << 3 | VARINT -> { type[0] = in.readEnum(); yield true; }
            default -> false;
        });
        return new Publish(topic[0], data[0], type[0]);
    }

    public static PublishResponse decodePublishResponse(byte[] body) throws InvalidProtocolBufferException {
        long[] n = {0};
        read(body, (in, tag) -> switch (tag) {
            case 1 << 3 | VARINT -> { n[0] = Integer.toUnsignedLong(in.readUInt32()); yield true; }
            default -> false;
        });
        return new PublishResponse(n[0]);
    }

    // ---- helpers -------------------------------------------------------------------------

    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    /** Reads one field of a known tag and returns true, or returns false to have it skipped. */
    @FunctionalInterface
    private interface FieldReader {
        boolean read(CodedInputStream in, int tag) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ENCODER_BUFFER);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, ENCODER_BUFFER);
        try {
            writer.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void read(byte[] body, FieldReader fields) throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (!fields.read(in, tag) && !in.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** The strings of a message whose one field is a {@code repeated string} with that number. */
    private static List<String> readStrings(byte[] body, int field) throws InvalidProtocolBufferException {
        List<String> out = new ArrayList<>();
        int tag = field << 3 | STRING;
        read(body, (in, t) -> {
            if (t != tag) {
                return false;
            }
            out.add(in.readStringRequireUtf8());
            return true;
        });
        return List.copyOf(out);
    }

    private static void readEntry(CodedInputStream in, Map<String, String> into) throws IOException {
        String[] kv = {"", ""};
        read(in.readByteArray(), (entry, tag) -> switch (tag) {
            case 1 << 3 | STRING -> { kv[0] = entry.readStringRequireUtf8(); yield true; }
            case 2 << 3 | STRING -> { kv[1] = entry.readStringRequireUtf8(); yield true; }
            default -> false;
        });
        into.put(kv[0], kv[1]);
    }

    private static void string(CodedOutputStream out, int field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    private static void strings(CodedOutputStream out, int field, List<String> values) throws IOException {
        for (String v : values) {
            out.writeString(field, v);
        }
    }

    private static void map(CodedOutputStream out, int field, Map<String, String> map) throws IOException {
        if (map == null) {
            return;
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            out.writeByteArray(field, write(entry -> {
                string(entry, 1, e.getKey());
                string(entry, 2, e.getValue());
            }));
        }
    }
}
