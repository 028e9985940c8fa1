package io.gatehouse.control.message;

import java.util.List;

/** Body of cmd 16 (LongPort trade {@code Sub}): topics to subscribe to. */
public record Subscribe(List<String> topics) {
}
