package io.deltastream.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** A request as route handlers see it: validated access to path, query, headers and JSON body. */
public final class ApiRequest {
    private final ServerRequest raw;
    /** The body, read at most once (Helidon's entity can be consumed only once). */
    private byte[] body;

    ApiRequest(ServerRequest raw) {
        this.raw = raw;
    }

    public ServerRequest raw() {
        return raw;
    }

    /** A path parameter of the route template (always present when the route matched). */
    public String path(String name) {
        return raw.path().pathParameters().get(name);
    }

    public Optional<String> query(String name) {
        return raw.query().first(name).asOptional().filter(s -> !s.isEmpty());
    }

    /** An integer query parameter within {@code [min, max]}; absent means {@code defaultValue}. */
    public int queryInt(String name, int defaultValue, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int i = Integer.parseInt(v.get().trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw ApiException.badRequest("Query parameter '" + name + "' must be an integer from " + min + " to " + max
                + ", got '" + v.get() + "'");
    }

    /** {@code true}/{@code false} (case-insensitive), absent means {@code defaultValue}. */
    public boolean queryBool(String name, boolean defaultValue) {
        Optional<String> v = query(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("Query parameter '" + name + "' must be true or false, got '"
                    + v.get() + "'");
        };
    }

    /**
     * An ISO-8601 instant. A date-time without offset (the reference's naive timestamps) and a bare
     * date are read as UTC.
     */
    public Optional<Instant> queryInstant(String name) {
        return query(name).map(v -> parseInstant(name, v.trim()));
    }

    /** A calendar date {@code YYYY-MM-DD}. */
    public Optional<LocalDate> queryDate(String name) {
        return query(name).map(v -> {
            try {
                return LocalDate.parse(v.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("Query parameter '" + name + "' must be a date YYYY-MM-DD, got '" + v + "'");
            }
        });
    }

    public Optional<String> header(String name) {
        return raw.headers().first(HeaderNames.create(name)).filter(s -> !s.isEmpty());
    }

    /** The request id (from {@code X-Request-ID} or generated), as echoed in the response. */
    public String requestId() {
        return RequestIds.of(raw);
    }

    /** The client address as seen by this server. */
    public String clientAddress() {
        return raw.remotePeer().host();
    }

    /**
     * The body as a JSON object. Requires {@code Content-Type: application/json} (415 otherwise) and
     * well-formed JSON (400 otherwise).
     */
    public JsonBody jsonBody() {
        return JsonBody.of(jsonTree());
    }

    /** The body as any JSON value, with the same checks as {@link #jsonBody()}. */
    public JsonNode jsonTree() {
        byte[] bytes = bodyBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        Optional<HttpMediaType> type = raw.headers().contentType();
        if (type.isEmpty() || !isJson(type.get())) {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json");
        }
        try {
            return Json.tree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("Unreadable request body");
        }
    }

    /** The raw body (empty when there is none); may be called any number of times. */
    public byte[] bodyBytes() {
        if (body != null) {
            return body;
        }
        if (!raw.content().hasEntity()) {
            body = new byte[0];
            return body;
        }
        try {
            body = raw.content().as(byte[].class);
            return body;
        } catch (RequestException e) {
            throw new ApiException(e.status().code(), e.getMessage());
        }
    }

    static boolean isJson(HttpMediaType type) {
        String subtype = type.mediaType().subtype().toLowerCase(Locale.ROOT);
        return "application".equalsIgnoreCase(type.mediaType().type())
                && ("json".equals(subtype) || subtype.endsWith("+json"));
    }

    static Instant parseInstant(String name, String v) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw ApiException.badRequest("Query parameter '" + name
                            + "' must be an ISO-8601 date or date-time, got '" + v + "'");
                }
            }
        }
    }
}
