package io.gatehouse.control.message;

import java.util.Map;

/** Body of a reconnect request (cmd 3, spec 7.5): the session id of an earlier auth. */
public record ReconnectRequest(String sessionId, Map<String, String> metadata) {
}
