package io.gatehouse.control.message;

import java.util.List;

/** Answer to {@link Subscribe}: topics added, topics refused with why, and all topics now held. */
public record SubscribeResponse(List<String> success, List<Failure> fail, List<String> current) {

    public record Failure(String topic, String reason) {
    }
}
