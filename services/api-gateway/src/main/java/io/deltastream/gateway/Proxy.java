package io.deltastream.gateway;

import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.RequestIds;
import io.deltastream.platform.logging.Tracing;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Forwards a request to its downstream service and relays the answer: method, path (the raw, still-encoded
 * remainder after the route's prefix), query string, body, {@code Authorization}, {@code Content-Type},
 * {@code Accept}, {@code X-Request-ID}, {@code traceparent} (a child span of this request's), {@code X-Forwarded-For}
 * with the caller appended, and the internal credential ({@code X-Internal-Token}; a client's own value of that header
 * is never forwarded). Downstream statuses and JSON bodies (and CSV exports, with their {@code Content-Disposition})
 * pass through unchanged, Server-Sent Events are streamed through as they arrive; a downstream that cannot be reached
 * is a 503 naming it, one that is too slow a 504, one that answers something other than JSON, CSV or an event stream a
 * 502.
 */
final class Proxy {
    private static final List<HeaderName> FORWARDED_REQUEST_HEADERS = List.of(HeaderNames.AUTHORIZATION,
            HeaderNames.CONTENT_TYPE, HeaderNames.ACCEPT);
    private static final List<String> RELAYED_RESPONSE_HEADERS = List.of("Retry-After", "Allow", "Cache-Control",
            "Content-Disposition");
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    /** What came back: status, content type (null when none), relayed headers, body. */
    private record Answer(int status, String contentType, List<Header> headers, byte[] body) {
    }

    /** Request settings per route timeout (immutable, shared). */
    private static final Map<java.time.Duration, RequestConfig> CONFIGS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Downstream> services;
    private final Credential credential;

    /** @param credential presented to every downstream, which in distributed mode refuses calls without it */
    Proxy(Map<String, Downstream> services, Credential credential) {
        this.services = services;
        this.credential = credential;
    }

    void forward(Endpoint endpoint, ServerRequest req, ServerResponse res, String client) {
        Downstream target = services.get(endpoint.service());
        String rawPath = req.path().rawPath();
        String suffix = rawPath.length() > endpoint.gatewayPrefix().length()
                ? rawPath.substring(endpoint.gatewayPrefix().length()) : "";
        String rawQuery = req.query().rawValue();
        String uri = endpoint.downstreamPrefix() + suffix + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        byte[] body = req.content().hasEntity() ? ApiRequest.readBody(req) : null;
        HttpUriRequestBase out = new HttpUriRequestBase(endpoint.method().text(), target.resolve(uri));
        out.setConfig(CONFIGS.computeIfAbsent(endpoint.timeout(),
                t -> RequestConfig.custom().setResponseTimeout(Timeout.of(t)).build()));
        if (body != null) {
            out.setEntity(new ByteArrayEntity(body, null));
        }
        for (HeaderName h : FORWARDED_REQUEST_HEADERS) {
            req.headers().first(h).ifPresent(v -> out.setHeader(h.defaultCase(), v));
        }
        out.setHeader(RequestIds.HEADER, RequestIds.of(req));
        out.setHeader(credential.header(), credential.token());
        out.setHeader(FORWARDED_FOR.defaultCase(), req.headers().first(FORWARDED_FOR).map(v -> v + ", " + client)
                .orElse(client));
        Answer answer;
        try (Tracing.Span span = Tracing.child(endpoint.method().text() + " " + target.name(), Tracing.Kind.CLIENT)) {
            out.setHeader(Tracing.TRACEPARENT, span.traceparent());
            answer = send(target, out, body == null && "GET".equals(endpoint.method().text()),
                    response -> isEventStream(response) ? relayEvents(response, res) : read(response));
            if (answer != null && answer.status() >= 500) {
                span.failed("HTTP " + answer.status());
            }
        }
        if (answer == null) {
            return;
        }
        String type = answer.contentType();
        if (answer.body().length > 0 && !relayable(type)) {
            throw new ApiException(502, target.display() + " service returned a non-JSON response")
                    .with("service", target.name()).with("status", answer.status());
        }
        for (Header h : answer.headers()) {
            res.header(h.getName(), h.getValue());
        }
        res.status(Status.create(answer.status()));
        if (answer.body().length == 0) {
            res.send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.send(answer.body());
    }

    /** JSON, or a CSV export (the trade simulator's); anything else from a downstream is a fault. */
    private static boolean relayable(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return t.contains("json") || t.startsWith("text/csv");
    }

    private static Answer send(Downstream target, HttpUriRequestBase request, boolean mayRetry,
                               HttpClientResponseHandler<Answer> handler) {
        try {
            return target.client().execute(request, handler);
        } catch (ConnectTimeoutException e) {
            throw unavailable(target);
        } catch (SocketTimeoutException e) {
            throw new ApiException(504, target.display() + " service timed out").with("service", target.name());
        } catch (NoHttpResponseException e) {
            // A pooled connection the downstream closed (e.g. it restarted): one retry on a new one, if safe.
            if (mayRetry) {
                return send(target, request, false, handler);
            }
            throw unavailable(target);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw unavailable(target);
        } catch (IOException e) {
            throw unavailable(target);
        }
    }

    private static boolean isEventStream(ClassicHttpResponse response) {
        Header type = response.getFirstHeader("Content-Type");
        return response.getCode() == 200 && type != null
                && type.getValue().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * Server-Sent Events (the AI chat stream) are passed on as they arrive, each read flushed to the caller, instead
     * of being collected first: a client sees each token when the downstream sends it. Null: nothing left to relay.
     */
    private static Answer relayEvents(ClassicHttpResponse response, ServerResponse res) throws IOException {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, response.getFirstHeader("Content-Type").getValue());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        byte[] buffer = new byte[8192];
        try (InputStream in = response.getEntity().getContent(); OutputStream out = res.outputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        return null;
    }

    private static Answer read(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : bytes(entity);
        Header type = response.getFirstHeader("Content-Type");
        List<Header> relayed = new ArrayList<>(2);
        for (String name : RELAYED_RESPONSE_HEADERS) {
            Header h = response.getFirstHeader(name);
            if (h != null) {
                relayed.add(h);
            }
        }
        return new Answer(response.getCode(), type == null ? null : type.getValue(), relayed, body);
    }

    /** The whole body, read straight into an array of the announced length when there is one (one copy). */
    private static byte[] bytes(HttpEntity entity) throws IOException {
        long length = entity.getContentLength();
        if (length < 0 || length > Integer.MAX_VALUE) {
            return EntityUtils.toByteArray(entity);
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? new byte[0] : in.readNBytes((int) length);
        }
    }

    private static ApiException unavailable(Downstream target) {
        return ApiException.unavailable(target.display() + " service unavailable").with("service", target.name());
    }
}
