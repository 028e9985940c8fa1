package io.gatehouse.client.astron;

import java.util.List;
import java.util.Map;

/**
 * An object as an {@link AstronClient} sees it: where it is, its class, whether the client
 * owns it, and the values of the fields it has heard, decoded through the DC file (one list
 * of parameter values per field, by field name).
 */
public record ViewObject(long id, long parent, long zone, String className, boolean owned, Map<String, List<Object>> fields) {

    /** The first parameter of a field's value, or null when the field has not been heard. */
    public Object value(String field) {
        List<Object> v = fields.get(field);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
