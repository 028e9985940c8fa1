package io.gatehouse.control.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.gatehouse.control.codec.ProtoFields.Field;
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
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body {@link ControlBodies} encodes and decodes (the server's, and the Java client's,
 * which uses the same class) against the field table of {@link ProtoFields}, both ways: what
 * we write carries each field under the number and wire type its .proto declares, and what a
 * peer writes by those declarations reads back as the same record. Every sample sets every
 * field to a value other than its default, so that a field under a wrong number shows.
 */
class BodyFieldNumbersTest {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] body) throws IOException;
    }

    /** One body: its .proto message, a record with every field set, and those fields by name. */
    record Case<T>(String message, T sample, Values fields, Function<T, byte[]> encoder, Decoder<T> decoder) {

        @Override
        public String toString() {
            return message;
        }
    }

    /** Field values by name for one message, converted to {@link ProtoFields#read}'s form by the table's types. */
    static final class Values {
        final String message;
        final Map<String, List<Object>> map = new LinkedHashMap<>();

        Values(String message) {
            this.message = message;
        }

        Values set(String name, Object... values) {
            Field field = ProtoFields.of(message).stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no field " + name + " in " + message));
            List<Object> converted = map.computeIfAbsent(name, k -> new ArrayList<>());
            for (Object v : values) {
                converted.add(switch (field.type()) {
                    case STRING -> (String) v;
                    case BYTES -> ByteString.copyFrom((byte[]) v);
                    case MESSAGE -> ((Values) v).map;
                    default -> field.type().raw(v);
                });
            }
            return this;
        }
    }

    private static Values fields(String message) {
        return new Values(message);
    }

    private static <T> Case<T> of(String message, T sample, Values fields, Function<T, byte[]> encoder, Decoder<T> decoder) {
        return new Case<>(message, sample, fields, encoder, decoder);
    }

    static Stream<Case<?>> cases() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("accept-language", "zh-HK");
        metadata.put("need_over_night_quote", "true");
        Values[] entries = {
            fields("AuthRequest.MetadataEntry").set("key", "accept-language").set("value", "zh-HK"),
            fields("AuthRequest.MetadataEntry").set("key", "need_over_night_quote").set("value", "true")};
        Values[] reconnectEntries = {
            fields("ReconnectRequest.MetadataEntry").set("key", "accept-language").set("value", "zh-HK"),
            fields("ReconnectRequest.MetadataEntry").set("key", "need_over_night_quote").set("value", "true")};
        byte[] data = {0, 1, (byte) 0xFF};
        return Stream.of(
                of("Close", new Close(6, "duplicate"),
                        fields("Close").set("code", 6).set("reason", "duplicate"),
                        ControlBodies::encode, ControlBodies::decodeClose),
                of("Heartbeat", new Heartbeat(1_700_000_000_000L, -7),
                        fields("Heartbeat").set("timestamp", 1_700_000_000_000L).set("heartbeat_id", -7),
                        ControlBodies::encode, ControlBodies::decodeHeartbeat),
                of("AuthRequest", new AuthRequest("otp-1", metadata),
                        fields("AuthRequest").set("token", "otp-1").set("metadata", (Object[]) entries),
                        ControlBodies::encode, ControlBodies::decodeAuthRequest),
                of("AuthResponse", new AuthResponse("sess-1", 1_700_086_400_000L, 0x8000_0001L, 0xFFFF_FFFEL),
                        fields("AuthResponse").set("session_id", "sess-1").set("expires", 1_700_086_400_000L)
                                .set("limit", 0x8000_0001L).set("online", 0xFFFF_FFFEL),
                        ControlBodies::encode, ControlBodies::decodeAuthResponse),
                of("ReconnectRequest", new ReconnectRequest("sess-1", metadata),
                        fields("ReconnectRequest").set("session_id", "sess-1").set("metadata", (Object[]) reconnectEntries),
                        ControlBodies::encode, ControlBodies::decodeReconnectRequest),
                // The server answers cmd 3 with the AuthResponse record; the client reads it back the same way.
                of("ReconnectResponse", new AuthResponse("sess-2", 1_700_172_800_000L, 10L, 0x8000_0000L),
                        fields("ReconnectResponse").set("session_id", "sess-2").set("expires", 1_700_172_800_000L)
                                .set("limit", 10L).set("online", 0x8000_0000L),
                        ControlBodies::encode, ControlBodies::decodeAuthResponse),
                of("Error", new ErrorBody(ErrorBody.QUOTA, "quota"),
                        fields("Error").set("code", ErrorBody.QUOTA).set("msg", "quota"),
                        ControlBodies::encode, ControlBodies::decodeError),
                of("Sub", new Subscribe(List.of("a", "b")),
                        fields("Sub").set("topics", "a", "b"),
                        ControlBodies::encode, ControlBodies::decodeSubscribe),
                of("SubResponse", new SubscribeResponse(List.of("a"), List.of(new SubscribeResponse.Failure("x", "why")), List.of("a", "c")),
                        fields("SubResponse").set("success", "a")
                                .set("fail", fields("SubResponse.Fail").set("topic", "x").set("reason", "why"))
                                .set("current", "a", "c"),
                        ControlBodies::encode, ControlBodies::decodeSubscribeResponse),
                of("Unsub", new Unsubscribe(List.of("a", "b")),
                        fields("Unsub").set("topics", "a", "b"),
                        ControlBodies::encode, ControlBodies::decodeUnsubscribe),
                of("UnsubResponse", new UnsubscribeResponse(List.of("c", "d")),
                        fields("UnsubResponse").set("current", "c", "d"),
                        ControlBodies::encode, ControlBodies::decodeUnsubscribeResponse),
                of("Notification", new Notification("t", Notification.CONTENT_PROTO, Notification.DISPATCH_BROADCAST, data),
                        fields("Notification").set("topic", "t").set("content_type", 2).set("dispatch_type", 2).set("data", data),
                        ControlBodies::encode, ControlBodies::decodeNotification),
                of("Publish", new Publish("t", data, Notification.CONTENT_JSON),
                        fields("Publish").set("topic", "t").set("data", data).set("content_type", 1),
                        ControlBodies::encode, ControlBodies::decodePublish),
                of("PublishResponse", new PublishResponse(0x8000_0002L),
                        fields("PublishResponse").set("delivered", 0x8000_0002L),
                        ControlBodies::encode, ControlBodies::decodePublishResponse));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void weWriteEachFieldUnderItsDeclaredNumberAndType(Case<T> c) throws IOException {
        assertThat(ProtoFields.read(c.message(), c.encoder().apply(c.sample())))
                .as("%s as %s declares it", c.message(), ProtoFields.of(c.message()).get(0).file())
                .isEqualTo(c.fields().map);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void weReadEachFieldFromItsDeclaredNumberAndType(Case<T> c) throws IOException {
        byte[] peer = ProtoFields.write(c.message(), c.fields().map);
        assertThat(c.decoder().decode(peer)).usingRecursiveComparison().isEqualTo(c.sample());
    }

    @Test
    void everyMessageAndFieldOfTheTableIsExercised() {
        Set<String> seen = new HashSet<>();
        cases().forEach(c -> collect(c.message(), c.fields().map, seen));
        Set<String> declared = ProtoFields.TABLE.stream().map(f -> f.message() + "." + f.name()).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(declared);
    }

    /** A body added to {@link ControlBodies} without a case here (and rows in the table) fails this. */
    @Test
    void everyBodyControlBodiesEncodesOrDecodesHasACase() {
        Set<Class<?>> covered = cases().map(c -> c.sample().getClass()).collect(Collectors.toSet());
        Set<Class<?>> bodies = new HashSet<>();
        for (Method m : ControlBodies.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (m.getName().equals("encode")) {
                bodies.add(m.getParameterTypes()[0]);
            } else if (m.getName().startsWith("decode")) {
                bodies.add(m.getReturnType());
            }
        }
        assertThat(covered).containsAll(bodies);
    }

    @SuppressWarnings("unchecked")
    private static void collect(String message, Map<String, List<Object>> values, Set<String> into) {
        for (Field field : ProtoFields.of(message)) {
            if (values.containsKey(field.name())) {
                into.add(message + "." + field.name());
                if (field.nested() != null) {
                    values.get(field.name()).forEach(v -> collect(field.nested(), (Map<String, List<Object>>) v, into));
                }
            }
        }
    }
}
