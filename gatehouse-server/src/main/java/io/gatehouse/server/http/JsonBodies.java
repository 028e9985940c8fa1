package io.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** What the API's calls share to read a JSON body and write an answer. */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** The request's body as a JSON object, or a {@link HttpApi.BadRequest}. */
    static JsonNode object(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.bodyAsBytes());
            if (n == null || !n.isObject()) {
                throw new HttpApi.BadRequest("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new HttpApi.BadRequest("body is not JSON: " + e.getMessage());
        }
    }

    /** A required non-empty text field. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new HttpApi.BadRequest("\"" + field + "\" is required (non-empty text)");
        }
        return v.textValue();
    }

    /** A query parameter that is a whole number from 1 to {@code max}, or {@code fallback} when absent. */
    static int limit(Context ctx, String name, int fallback, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new HttpApi.BadRequest(name + " '" + v + "' (expected a whole number from 1 to " + max + ")");
    }

    /** An instant as the API writes it (ISO 8601), null for null. */
    static String instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    static Map<String, String> error(String message) {
        return Map.of("error", message == null ? "error" : message);
    }
}
