package io.deltastream.gateway;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.RequestIds;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards a request to its downstream service and relays the answer: method, path (the raw, still-encoded
 * remainder after the route's prefix), query string, body, {@code Authorization}, {@code Content-Type},
 * {@code Accept}, {@code X-Request-ID}, and {@code X-Forwarded-For} with the caller appended. Downstream statuses and
 * JSON bodies pass through unchanged; a downstream that cannot be reached is a 503 naming it, one that is too slow a
 * 504, one that answers something other than JSON a 502.
 */
final class Proxy {
    private static final List<HeaderName> FORWARDED_REQUEST_HEADERS = List.of(HeaderNames.AUTHORIZATION,
            HeaderNames.CONTENT_TYPE, HeaderNames.ACCEPT);
    private static final List<HeaderName> RELAYED_RESPONSE_HEADERS = List.of(HeaderNames.RETRY_AFTER,
            HeaderNames.ALLOW, HeaderNames.CACHE_CONTROL);
    private static final HeaderName REQUEST_ID = HeaderNames.create(RequestIds.HEADER);
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    private final Map<String, Downstream> services;

    Proxy(Map<String, Downstream> services) {
        this.services = services;
    }

    void forward(Endpoint endpoint, ServerRequest req, ServerResponse res, String client) {
        Downstream target = services.get(endpoint.service());
        String rawPath = req.path().rawPath();
        String suffix = rawPath.length() > endpoint.gatewayPrefix().length()
                ? rawPath.substring(endpoint.gatewayPrefix().length()) : "";
        String rawQuery = req.query().rawValue();
        String uri = endpoint.downstreamPrefix() + suffix + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        byte[] body = req.content().hasEntity() ? req.content().as(byte[].class) : null;
        Http1ClientResponse answer = send(target, endpoint, req, uri, body, client, true);
        try (answer) {
            int status = answer.status().code();
            Optional<String> type = answer.headers().contentType().map(t -> t.text());
            byte[] bytes = answer.entity().hasEntity() ? answer.entity().as(byte[].class) : new byte[0];
            if (bytes.length > 0 && (type.isEmpty() || !type.get().toLowerCase(Locale.ROOT).contains("json"))) {
                throw new ApiException(502, target.display() + " service returned a non-JSON response")
                        .with("service", target.name()).with("status", status);
            }
            for (HeaderName h : RELAYED_RESPONSE_HEADERS) {
                answer.headers().first(h).ifPresent(v -> res.header(h, v));
            }
            res.status(Status.create(status));
            if (bytes.length == 0) {
                res.send();
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, type.get());
            res.send(bytes);
        }
    }

    private Http1ClientResponse send(Downstream target, Endpoint endpoint, ServerRequest req, String uri, byte[] body,
                                     String client, boolean mayRetry) {
        Http1ClientRequest out = target.client().method(endpoint.method()).uri(uri).skipUriEncoding(true)
                .readTimeout(endpoint.timeout());
        for (HeaderName h : FORWARDED_REQUEST_HEADERS) {
            req.headers().first(h).ifPresent(v -> out.header(h, v));
        }
        out.header(REQUEST_ID, RequestIds.of(req));
        String forwarded = req.headers().first(FORWARDED_FOR).map(v -> v + ", " + client).orElse(client);
        out.header(FORWARDED_FOR, forwarded);
        try {
            return body == null ? out.request() : out.submit(body);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                throw new ApiException(504, target.display() + " service timed out").with("service", target.name());
            }
            // A pooled connection the downstream closed (e.g. it restarted): one retry on a new one, if safe.
            if (mayRetry && body == null && endpoint.method().equals(io.helidon.http.Method.GET)) {
                return send(target, endpoint, req, uri, null, client, false);
            }
            throw ApiException.unavailable(target.display() + " service unavailable").with("service", target.name());
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof UncheckedIOException u && u.getCause() instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
