package io.gatehouse.control.message;

import java.util.Map;

/** Body of an auth request (cmd 2, spec 7.4): the one-time token and optional metadata. */
public record AuthRequest(String token, Map<String, String> metadata) {
}
