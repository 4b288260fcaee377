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
    private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
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
     * An ISO-8601 instant from year 1 to 9999 (wider ones would overflow the time arithmetic of the routes). A
     * date-time without offset (the reference's naive timestamps) and a bare date are read as UTC.
     */
    public Optional<Instant> queryInstant(String name) {
        return query(name).map(v -> {
            Instant t = parseInstant(name, v.trim());
            if (t.isBefore(EARLIEST.atStartOfDay().toInstant(ZoneOffset.UTC))
                    || !t.isBefore(LATEST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
                throw outOfRange(name, v);
            }
            return t;
        });
    }

    /** A calendar date {@code YYYY-MM-DD} from year 1 to 9999. */
    public Optional<LocalDate> queryDate(String name) {
        return query(name).map(v -> {
            LocalDate d;
            try {
                d = LocalDate.parse(v.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("Query parameter '" + name + "' must be a date YYYY-MM-DD, got '"
                        + clip(v) + "'");
            }
            if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
                throw outOfRange(name, v);
            }
            return d;
        });
    }

    private static ApiException outOfRange(String name, String v) {
        return ApiException.badRequest("Query parameter '" + name + "' must be a date from " + EARLIEST + " to "
                + LATEST + ", got '" + clip(v) + "'");
    }

    /** A client's value as quoted back in an error: at most 100 characters. */
    private static String clip(String v) {
        return v.length() <= 100 ? v : v.substring(0, 100) + "...";
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
            throw ApiException.badRequest(Json.describe(e));
        } catch (IOException e) {
            throw ApiException.badRequest("Unreadable request body");
        }
    }

    /** The raw body (empty when there is none); may be called any number of times. */
    public byte[] bodyBytes() {
        if (body == null) {
            body = readBody(raw);
        }
        return body;
    }

    /**
     * Reads the whole body of {@code req} (empty when there is none), once. A body that breaks HTTP/1.1 framing (a
     * chunk size that is not hexadecimal, a chunk shorter than announced) is a 400 that closes the connection, since
     * nothing after it on that connection can be trusted to start a request.
     */
    public static byte[] readBody(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try {
            return req.content().as(byte[].class);
        } catch (RequestException e) {
            throw new ApiException(e.status().code(), e.status().code() == 413 ? "Request body too large"
                    : "Malformed request body");
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // Helidon reports malformed chunked framing as whatever its parser threw (NumberFormatException for a
            // chunk size 'zz', ...): all of them mean the client sent a broken body.
            throw ApiException.badRequest("Malformed request body: invalid chunked transfer encoding")
                    .withHeader(HeaderNames.CONNECTION.defaultCase(), "close");
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
                            + "' must be an ISO-8601 date or date-time, got '" + clip(v) + "'");
                }
            }
        }
    }
}
