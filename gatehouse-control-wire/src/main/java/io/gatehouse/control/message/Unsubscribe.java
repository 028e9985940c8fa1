package io.gatehouse.control.message;

import java.util.List;

/** Body of cmd 17 (LongPort trade {@code Unsub}): topics to leave. */
public record Unsubscribe(List<String> topics) {
}
