package io.deltastream.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON response with an explicit status and headers. Handlers that answer 200 may return the body
 * object directly instead.
 */
public record Reply(int status, Object body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply created(Object body) {
        return new Reply(201, body, Map.of());
    }

    public static Reply status(int status, Object body) {
        return new Reply(status, body, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, body, h);
    }
}
