package io.deltastream.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of every service: becomes {@code {"error": message, ...fields}} with
 * {@link #status()}. Handlers throw it for anything the client did wrong or that cannot be served.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> fields;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    private ApiException(int status, String message, Map<String, Object> fields, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.fields = fields;
        this.headers = headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, message);
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, message).withHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    /** A copy with an extra body field (kept in insertion order after {@code error}). */
    public ApiException with(String field, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put(field, value);
        return new ApiException(status, getMessage(), f, headers);
    }

    public ApiException withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiException(status, getMessage(), fields, h);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The response body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(fields);
        return body;
    }
}
