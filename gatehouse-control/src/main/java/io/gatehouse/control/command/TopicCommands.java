package io.gatehouse.control.command;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.control.codec.ControlBodies;
import io.gatehouse.control.message.ControlPacket;
import io.gatehouse.control.message.Notification;
import io.gatehouse.control.message.Publish;
import io.gatehouse.control.message.PublishResponse;
import io.gatehouse.control.message.SubscribeResponse;
import io.gatehouse.control.message.UnsubscribeResponse;
import io.gatehouse.core.bus.BusMessage;
import io.gatehouse.core.bus.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * Topics: cmd 16 subscribe and cmd 17 unsubscribe (LongPort trade {@code Sub}/{@code Unsub}
 * layouts), cmd 20 publish (Gatehouse). Messages arrive as cmd 18 Notification pushes.
 */
final class TopicCommands {

    /** Longest topic name, in characters. */
    static final int MAX_TOPIC_CHARS = 128;

    private TopicCommands() {
    }

    static ControlPacket.Response subscribe(CommandContext c, ControlPacket.Request request) throws InvalidProtocolBufferException {
        List<String> success = new ArrayList<>();
        List<SubscribeResponse.Failure> fail = new ArrayList<>();
        for (String topic : ControlBodies.decodeSubscribe(request.body()).topics()) {
            String problem = problem(topic);
            if (problem == null && !c.topics().contains(topic) && c.topics().size() >= c.maxTopics()) {
                problem = "subscription limit of " + c.maxTopics() + " topics reached";
            }
            if (problem != null) {
                fail.add(new SubscribeResponse.Failure(topic, problem));
                continue;
            }
            if (c.topics().add(topic)) {
                c.hub().join(topic, c.channel());
            }
            success.add(topic);
        }
        byte[] body = ControlBodies.encode(new SubscribeResponse(success, fail, List.copyOf(c.topics())));
        return ControlPacket.Response.ok(request, body);
    }

    static ControlPacket.Response unsubscribe(CommandContext c, ControlPacket.Request request) throws InvalidProtocolBufferException {
        for (String topic : ControlBodies.decodeUnsubscribe(request.body()).topics()) {
            if (c.topics().remove(topic)) {
                c.hub().leave(topic, c.channel());
            }
        }
        return ControlPacket.Response.ok(request, ControlBodies.encode(new UnsubscribeResponse(List.copyOf(c.topics()))));
    }

    static ControlPacket.Response publish(CommandContext c, ControlPacket.Request request) throws InvalidProtocolBufferException {
        Publish p = ControlBodies.decodePublish(request.body());
        String problem = problem(p.topic());
        if (problem != null) {
            throw new InvalidProtocolBufferException(problem);
        }
        BusMessage.ContentType type = switch (p.contentType()) {
            case Notification.CONTENT_JSON -> BusMessage.ContentType.JSON;
            case Notification.CONTENT_PROTO -> BusMessage.ContentType.PROTOBUF;
            default -> BusMessage.ContentType.UNKNOWN;
        };
        int delivered = c.hub().publish(new BusMessage(p.topic(), type, p.data()));
        return ControlPacket.Response.ok(request, ControlBodies.encode(new PublishResponse(delivered)));
    }

    /** Null when the topic name is acceptable, else why not. */
    static String problem(String topic) {
        if (topic.isEmpty()) {
            return "empty topic";
        }
        if (topic.length() > MAX_TOPIC_CHARS) {
            return "topic of " + topic.length() + " characters (max " + MAX_TOPIC_CHARS + ")";
        }
        if (Topics.reserved(topic)) {
            return "topics beginning with '" + Topics.RESERVED_PREFIX + "' are the server's own";
        }
        return null;
    }
}
