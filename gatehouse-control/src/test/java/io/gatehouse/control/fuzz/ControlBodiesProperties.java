package io.gatehouse.control.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.control.codec.ControlBodies;
import java.util.List;

/**
 * What every control body decoder must do with any bytes: return a body or throw
 * {@link InvalidProtocolBufferException}, nothing else; and a body it returns encodes to
 * canonical bytes that decode and encode to the same bytes again (a fixed point after one
 * pass, since proto3 drops defaults and unknown fields, and bad UTF-8 becomes U+FFFD).
 */
final class ControlBodiesProperties {

    private interface Decode<T> {
        T from(byte[] body) throws InvalidProtocolBufferException;
    }

    private interface Encode<T> {
        byte[] to(T body);
    }

    private record Codec<T>(String name, Decode<T> decode, Encode<T> encode) {
        void check(byte[] body) {
            T first;
            try {
                first = decode.from(body);
            } catch (InvalidProtocolBufferException expected) {
                return;
            }
            assertThat(first).as(name).isNotNull();
            byte[] canonical = encode.to(first);
            byte[] again;
            try {
                again = encode.to(decode.from(canonical));
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(name + ": its own encoding does not decode", e);
            }
            assertThat(again).as(name + " encodes to a fixed point").isEqualTo(canonical);
        }
    }

    private static final List<Codec<?>> CODECS = List.of(
            new Codec<>("AuthRequest", ControlBodies::decodeAuthRequest, ControlBodies::encode),
            new Codec<>("ReconnectRequest", ControlBodies::decodeReconnectRequest, ControlBodies::encode),
            new Codec<>("AuthResponse", ControlBodies::decodeAuthResponse, ControlBodies::encode),
            new Codec<>("Close", ControlBodies::decodeClose, ControlBodies::encode),
            new Codec<>("Error", ControlBodies::decodeError, ControlBodies::encode),
            new Codec<>("Heartbeat", ControlBodies::decodeHeartbeat, ControlBodies::encode),
            new Codec<>("Subscribe", ControlBodies::decodeSubscribe, ControlBodies::encode),
            new Codec<>("SubscribeResponse", ControlBodies::decodeSubscribeResponse, ControlBodies::encode),
            new Codec<>("Unsubscribe", ControlBodies::decodeUnsubscribe, ControlBodies::encode),
            new Codec<>("UnsubscribeResponse", ControlBodies::decodeUnsubscribeResponse, ControlBodies::encode),
            new Codec<>("Notification", ControlBodies::decodeNotification, ControlBodies::encode),
            new Codec<>("Publish", ControlBodies::decodePublish, ControlBodies::encode),
            new Codec<>("PublishResponse", ControlBodies::decodePublishResponse, ControlBodies::encode));

    private ControlBodiesProperties() {
    }

    /** Runs every body decoder on {@code body}; see the class comment for what must hold. */
    static void check(byte[] body) {
        for (Codec<?> c : CODECS) {
            c.check(body);
        }
    }
}
