package io.gatehouse.control.message;

import java.util.List;

/** Answer to {@link Unsubscribe}: the topics still held. */
public record UnsubscribeResponse(List<String> current) {
}
