package io.deltastream.gateway;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.RequestIds;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
    private static final List<String> RELAYED_RESPONSE_HEADERS = List.of("Retry-After", "Allow", "Cache-Control");
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
        HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(uri))
                .timeout(endpoint.timeout())
                .method(endpoint.method().text(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (HeaderName h : FORWARDED_REQUEST_HEADERS) {
            req.headers().first(h).ifPresent(v -> out.header(h.defaultCase(), v));
        }
        out.header(RequestIds.HEADER, RequestIds.of(req));
        out.header(FORWARDED_FOR.defaultCase(), req.headers().first(FORWARDED_FOR).map(v -> v + ", " + client)
                .orElse(client));
        HttpResponse<byte[]> answer = send(target, out.build(), body == null && "GET".equals(endpoint.method().text()));
        int status = answer.statusCode();
        Optional<String> type = answer.headers().firstValue("Content-Type");
        byte[] bytes = answer.body();
        if (bytes.length > 0 && (type.isEmpty() || !type.get().toLowerCase(Locale.ROOT).contains("json"))) {
            throw new ApiException(502, target.display() + " service returned a non-JSON response")
                    .with("service", target.name()).with("status", status);
        }
        for (String h : RELAYED_RESPONSE_HEADERS) {
            answer.headers().firstValue(h).ifPresent(v -> res.header(h, v));
        }
        res.status(Status.create(status));
        if (bytes.length == 0) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type.get());
        res.send(bytes);
    }

    private static HttpResponse<byte[]> send(Downstream target, HttpRequest request, boolean mayRetry) {
        try {
            return target.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unavailable(target);
        } catch (HttpTimeoutException e) {
            throw new ApiException(504, target.display() + " service timed out").with("service", target.name());
        } catch (IOException e) {
            // A pooled connection the downstream closed (e.g. it restarted): one retry on a new one, if safe.
            if (mayRetry) {
                return send(target, request, false);
            }
            throw unavailable(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(target);
        }
    }

    private static ApiException unavailable(Downstream target) {
        return ApiException.unavailable(target.display() + " service unavailable").with("service", target.name());
    }
}
