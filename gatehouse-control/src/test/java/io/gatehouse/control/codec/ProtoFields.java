package io.gatehouse.control.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of every body the control front carries, written out by hand from the message
 * declarations in LongPort's {@code longportapp/openapi-protobufs} ({@code control/control.proto},
 * {@code control/error.proto}, {@code trade/subscribe.proto}), plus Gatehouse's own cmd 20
 * messages as the README declares them. Each row names its file and message, so a row can be
 * checked against the declaration by eye.
 *
 * <p>With the table come a reader and a writer that know nothing but the table: the reader
 * turns body bytes into field values by field name, failing on a field number the message does
 * not declare or a wire type that is not the declared type's; the writer makes body bytes from
 * field values. Varint values are kept as the raw 64-bit varint, so a field written as the wrong
 * integer type (int32 for uint32, zigzag for int64) does not read back as the declared value.
 */
final class ProtoFields {

    enum Type {
        STRING(WireFormat.WIRETYPE_LENGTH_DELIMITED),
        BYTES(WireFormat.WIRETYPE_LENGTH_DELIMITED),
        MESSAGE(WireFormat.WIRETYPE_LENGTH_DELIMITED),
        INT32(WireFormat.WIRETYPE_VARINT),
        INT64(WireFormat.WIRETYPE_VARINT),
        UINT32(WireFormat.WIRETYPE_VARINT),
        UINT64(WireFormat.WIRETYPE_VARINT),
        ENUM(WireFormat.WIRETYPE_VARINT);

        final int wireType;

        Type(int wireType) {
            this.wireType = wireType;
        }

        /** The varint a proto encoder writes for a Java value of this type. */
        long raw(Object value) {
            return switch (this) {
                case INT32, ENUM -> (long) (Integer) value;
                case UINT32 -> (Long) value & 0xFFFF_FFFFL;
                case INT64, UINT64 -> (Long) value;
                default -> throw new IllegalArgumentException(this + " is not a varint");
            };
        }
    }

    /**
     * One field as its .proto declares it. {@code nested} names the message of a MESSAGE field;
     * a {@code map<K, V>} field is, on the wire, a repeated message {@code <Name>Entry} with
     * {@code key = 1} and {@code value = 2}, and is written so here.
     */
    record Field(String file, String message, String name, int number, Type type, boolean repeated, String nested) {
    }

    static final String CONTROL = "control/control.proto";
    static final String ERROR = "control/error.proto";
    static final String TRADE = "trade/subscribe.proto";
    static final String GATEHOUSE = "README.md, cmd 20 (Gatehouse's own)";

    static final List<Field> TABLE = List.of(
            one(CONTROL, "Close", "code", 1, Type.ENUM),                      // Code code = 1
            one(CONTROL, "Close", "reason", 2, Type.STRING),
            one(CONTROL, "Heartbeat", "timestamp", 1, Type.INT64),
            one(CONTROL, "Heartbeat", "heartbeat_id", 2, Type.INT32),         // optional int32
            many(CONTROL, "AuthRequest", "metadata", 2, "AuthRequest.MetadataEntry"), // map<string, string>
            one(CONTROL, "AuthRequest", "token", 1, Type.STRING),
            one(CONTROL, "AuthRequest.MetadataEntry", "key", 1, Type.STRING),
            one(CONTROL, "AuthRequest.MetadataEntry", "value", 2, Type.STRING),
            one(CONTROL, "AuthResponse", "session_id", 1, Type.STRING),
            one(CONTROL, "AuthResponse", "expires", 2, Type.INT64),
            one(CONTROL, "AuthResponse", "limit", 3, Type.UINT32),
            one(CONTROL, "AuthResponse", "online", 4, Type.UINT32),
            one(CONTROL, "ReconnectRequest", "session_id", 1, Type.STRING),
            many(CONTROL, "ReconnectRequest", "metadata", 2, "ReconnectRequest.MetadataEntry"), // map<string, string>
            one(CONTROL, "ReconnectRequest.MetadataEntry", "key", 1, Type.STRING),
            one(CONTROL, "ReconnectRequest.MetadataEntry", "value", 2, Type.STRING),
            one(CONTROL, "ReconnectResponse", "session_id", 1, Type.STRING),
            one(CONTROL, "ReconnectResponse", "expires", 2, Type.INT64),
            one(CONTROL, "ReconnectResponse", "limit", 3, Type.UINT32),
            one(CONTROL, "ReconnectResponse", "online", 4, Type.UINT32),
            one(ERROR, "Error", "code", 1, Type.UINT64),
            one(ERROR, "Error", "msg", 2, Type.STRING),
            many(TRADE, "Sub", "topics", 1, Type.STRING),
            many(TRADE, "SubResponse", "success", 1, Type.STRING),
            many(TRADE, "SubResponse", "fail", 2, "SubResponse.Fail"),
            many(TRADE, "SubResponse", "current", 3, Type.STRING),
            one(TRADE, "SubResponse.Fail", "topic", 1, Type.STRING),
            one(TRADE, "SubResponse.Fail", "reason", 2, Type.STRING),
            many(TRADE, "Unsub", "topics", 1, Type.STRING),
            many(TRADE, "UnsubResponse", "current", 3, Type.STRING),
            one(TRADE, "Notification", "topic", 1, Type.STRING),
            one(TRADE, "Notification", "content_type", 2, Type.ENUM),         // ContentType
            one(TRADE, "Notification", "dispatch_type", 3, Type.ENUM),        // DispatchType
            one(TRADE, "Notification", "data", 4, Type.BYTES),
            one(GATEHOUSE, "Publish", "topic", 1, Type.STRING),
            one(GATEHOUSE, "Publish", "data", 2, Type.BYTES),
            one(GATEHOUSE, "Publish", "content_type", 3, Type.ENUM),          // trade ContentType
            one(GATEHOUSE, "PublishResponse", "delivered", 1, Type.UINT32));

    private ProtoFields() {
    }

    private static Field one(String file, String message, String name, int number, Type type) {
        return new Field(file, message, name, number, type, false, null);
    }

    private static Field many(String file, String message, String name, int number, Type type) {
        return new Field(file, message, name, number, type, true, null);
    }

    private static Field many(String file, String message, String name, int number, String nested) {
        return new Field(file, message, name, number, Type.MESSAGE, true, nested);
    }

    /** The message's fields in field-number order; an unknown message name is a mistake in the test. */
    static List<Field> of(String message) {
        List<Field> fields = TABLE.stream().filter(f -> f.message().equals(message))
                .sorted(Comparator.comparingInt(Field::number)).toList();
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no message " + message + " in the table");
        }
        return fields;
    }

    /**
     * Field values by name, as the table's types read them: STRING a String, BYTES a ByteString,
     * a varint its raw long, MESSAGE a nested map. Every field holds a list of its occurrences,
     * so that a repeated field and a field sent twice both show.
     */
    static Map<String, List<Object>> read(String message, byte[] body) throws IOException {
        List<Field> fields = of(message);
        Map<String, List<Object>> values = new LinkedHashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(body);
        int tag;
        while ((tag = in.readTag()) != 0) {
            int number = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            Field field = fields.stream().filter(f -> f.number() == number).findFirst()
                    .orElseThrow(() -> new AssertionError("field " + number + " (wire type " + wireType + ") is not declared in "
                            + message + " of " + fields.get(0).file() + ", which has " + describe(fields)));
            if (wireType != field.type().wireType) {
                throw new AssertionError(message + "." + field.name() + " = " + number + " is " + field.type()
                        + " (wire type " + field.type().wireType + ") but came with wire type " + wireType);
            }
            Object value = switch (field.type()) {
                case STRING -> in.readStringRequireUtf8();
                case BYTES -> in.readBytes();
                case MESSAGE -> read(field.nested(), in.readByteArray());
                default -> in.readRawVarint64();
            };
            values.computeIfAbsent(field.name(), k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** Body bytes for field values in the form {@link #read} gives, written in field-number order. */
    static byte[] write(String message, Map<String, List<Object>> values) throws IOException {
        List<Field> fields = of(message);
        for (String name : values.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                throw new IllegalArgumentException("no field " + name + " in " + message);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (Field field : fields) {
            for (Object value : values.getOrDefault(field.name(), List.of())) {
                out.writeTag(field.number(), field.type().wireType);
                switch (field.type()) {
                    case STRING -> out.writeStringNoTag((String) value);
                    case BYTES -> out.writeBytesNoTag((ByteString) value);
                    case MESSAGE -> {
                        @SuppressWarnings("unchecked")
                        Map<String, List<Object>> nested = (Map<String, List<Object>>) value;
                        out.writeByteArrayNoTag(write(field.nested(), nested));
                    }
                    default -> out.writeUInt64NoTag((Long) value);
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static String describe(List<Field> fields) {
        return fields.stream().map(f -> f.name() + " = " + f.number()).toList().toString();
    }
}
