package io.deltastream.platform.http;

import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.health.Health;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.logging.Tracing;
import io.deltastream.platform.metrics.ServiceMetrics;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * The one HTTP bootstrap of the platform (Helidon SE on virtual threads). Adds to a service's own
 * routes: {@code GET /health}, {@code GET /metrics}, CORS, request ids, per-request metrics and
 * access log, {@link SecurityHeaders}, and the JSON error contract ({@code {"error": ...}} for
 * 400/404/405/413/415/500..., never an HTML page or a stack trace). Errors carry the same CORS, request id and
 * security headers as successes, so that a browser can read them (a 429's {@code Retry-After} included).
 */
public final class ServiceHttpServer {
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHttpServer.class);
    private static final io.helidon.http.HeaderName INTERNAL_HEADER = HeaderNames.create(Credential.INTERNAL_HEADER);
    private static final io.helidon.http.HeaderName TRACEPARENT = HeaderNames.create(Tracing.TRACEPARENT);

    private final String service;
    private final ServiceMetrics metrics;
    private final Cors cors;
    private final Credential required;
    private final WebServer server;

    private ServiceHttpServer(String service, HttpServerConfig config, Routes routes, Health health,
                              ServiceMetrics metrics, InetAddress address, Credential required) {
        this.service = service;
        this.metrics = metrics;
        this.cors = new Cors(config.corsOrigins());
        this.required = required;
        routes.get("/health", req -> {
            Health.Report report = health.report();
            return Reply.status(report.healthy() ? 200 : 503, report.body());
        });
        routes.raw(Method.GET, "/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, ServiceMetrics.CONTENT_TYPE);
            res.send(metrics.scrape());
        });
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(this::observe)
                .error(ApiException.class, this::apiError)
                .error(RequestException.class, this::requestError)
                .error(Throwable.class, this::unexpectedError);
        routes.registerInto(routing);
        WebServerConfig.Builder builder = WebServer.builder();
        if (address != null) {
            builder.address(address);
        }
        this.server = builder
                .port(config.port())
                .shutdownHook(false)
                .maxPayloadSize(config.maxBodyBytes())
                // Helidon 4.2's prologue validation rejects ':' in query strings (RFC 3986 allows it), which turns
                // ?start=2026-11-23T10:05:00Z into a 400; parameters are validated by the routes instead.
                // Responses go out as headers then body; with Nagle on, the body waits for the peer's delayed ACK
                // of the headers (~40 ms on Linux) whenever it does not fit the first segment.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().validatePrologue(false).build())
                .shutdownGracePeriod(config.shutdownGrace())
                .directHandlers(d -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        d.addHandler(type, ServiceHttpServer::directError);
                    }
                })
                .routing(routing)
                .build();
    }

    /**
     * Builds and starts the server; returns once it listens.
     *
     * @throws java.io.UncheckedIOException wrapping a {@link java.net.BindException} when the port cannot be bound
     *                                      (Helidon only logs that and leaves a server that listens nowhere)
     */
    public static ServiceHttpServer start(String service, HttpServerConfig config, Routes routes, Health health,
                                          ServiceMetrics metrics) {
        return start(service, config, routes, health, metrics, null, null);
    }

    /**
     * Like {@link #start(String, HttpServerConfig, Routes, Health, ServiceMetrics)}, listening on {@code address}
     * only (all interfaces when null), and when {@code required} is not null answering 401 to every request except
     * {@code /health} and {@code /metrics} that does not carry that internal credential.
     */
    public static ServiceHttpServer start(String service, HttpServerConfig config, Routes routes, Health health,
                                          ServiceMetrics metrics, InetAddress address, Credential required) {
        ServiceHttpServer s = new ServiceHttpServer(service, config, routes, health, metrics, address, required);
        s.server.start();
        if (!s.server.isRunning() || s.server.port() < 0) {
            s.server.stop();
            throw new java.io.UncheckedIOException(new java.net.BindException(
                    "address already in use, or not an address of this machine"));
        }
        return s;
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting connections and lets in-flight requests finish within the grace period. */
    public void stop() {
        server.stop();
    }

    private void observe(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String requestId = RequestIds.of(req);
        res.header(RequestIds.HEADER, requestId);
        SecurityHeaders.common(res);
        MDC.put("service", service);
        MDC.put("request_id", requestId);
        String method = req.prologue().method().text();
        Tracing.Span span = Tracing.continueFrom(req.headers().first(TRACEPARENT).orElse(null),
                method + " " + req.path().path(), Tracing.Kind.SERVER);
        res.header(Tracing.TRACEPARENT, span.traceparent());
        res.header(Tracing.TRACE_ID_HEADER, span.traceId());
        try {
            if (ambiguousFraming(req)) {
                throw ApiException.badRequest("Request has both Content-Length and Transfer-Encoding")
                        .withHeader(HeaderNames.CONNECTION.defaultCase(), "close");
            }
            if (required != null && !isProbe(req) && !required.matches(
                    req.headers().first(INTERNAL_HEADER).orElse(null))) {
                throw ApiException.unauthorized("This service accepts calls from the platform's gateways only"
                        + " (missing or wrong " + Credential.INTERNAL_HEADER + ")");
            }
            if (!cors.apply(req, res)) {
                chain.proceed();
            }
        } catch (ApiException e) {
            apiError(req, res, e);
        } finally {
            long nanos = System.nanoTime() - start;
            int status = res.status().code();
            String route = req.context().get(Routes.ROUTE_KEY, String.class).orElse(status == 404 ? "NOT_FOUND" : "UNMATCHED");
            Timer.builder("http.server.requests")
                    .description("HTTP requests served, by route template")
                    .tags("method", method, "uri", route, "status", Integer.toString(status),
                            "outcome", outcome(status))
                    .publishPercentileHistogram(false)
                    .register(metrics.registry())
                    .record(nanos, TimeUnit.NANOSECONDS);
            ACCESS.info("{} {} {}", method, req.path().path(), status,
                    kv("method", method), kv("path", req.path().path()), kv("route", route),
                    kv("status", status), kv("duration_ms", nanos / 1_000_000.0),
                    kv("client", req.remotePeer().host()));
            span.rename(method + " " + route).attribute("http.route", route);
            if (status >= 500) {
                span.failed("HTTP " + status);
            }
            span.close();
            MDC.remove("request_id");
            MDC.remove("service");
        }
    }

    /** Health probes and metric scrapes need no credential: they reveal no data and must work without one. */
    private static boolean isProbe(RoutingRequest req) {
        String path = req.path().path();
        return "/health".equals(path) || "/metrics".equals(path);
    }

    /**
     * RFC 9112 §6.1: a request with both headers may be read differently by a proxy in front and by us (request
     * smuggling); the server must answer 400 and close the connection rather than pick one.
     */
    private static boolean ambiguousFraming(ServerRequest req) {
        return req.headers().contains(HeaderNames.TRANSFER_ENCODING) && req.headers().contains(HeaderNames.CONTENT_LENGTH);
    }

    /** Headers every answer carries; error handlers run on a reset response, so they are set again there. */
    private void decorate(ServerRequest req, ServerResponse res) {
        res.header(RequestIds.HEADER, RequestIds.of(req));
        SecurityHeaders.common(res);
        cors.decorate(req, res);
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    private void apiError(ServerRequest req, ServerResponse res, ApiException e) {
        decorate(req, res);
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        Routes.send(res, Reply.status(e.status(), e.body()));
    }

    private void requestError(ServerRequest req, ServerResponse res, RequestException e) {
        decorate(req, res);
        int code = e.status().code();
        String message = code == 413 ? "Request body too large" : e.safeMessage() ? e.getMessage() : e.status().reasonPhrase();
        Routes.send(res, Reply.status(code, Map.of("error", message)));
    }

    private void unexpectedError(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.error("unhandled error on {} {}", req.prologue().method().text(), req.path().path(), e);
        decorate(req, res);
        Routes.send(res, Reply.status(500, Map.of("error", "Internal server error",
                "request_id", RequestIds.of(req))));
    }

    /** Errors raised before routing (bad request line, oversized body, ...): JSON too. */
    private static DirectHandler.TransportResponse directError(DirectHandler.TransportRequest request,
                                                               DirectHandler.EventType type, Status status,
                                                               io.helidon.http.ServerResponseHeaders headers,
                                                               String message) {
        String text = status.code() == 413 ? "Request body too large" : switch (type) {
            case BAD_REQUEST -> "Bad request";
            case FORBIDDEN -> "Forbidden";
            case HTTP_VERSION_NOT_SUPPORTED -> "HTTP version not supported";
            default -> status.code() >= 500 ? "Internal server error" : status.reasonPhrase();
        };
        headers.set(HeaderNames.CONTENT_TYPE, Routes.JSON);
        SecurityHeaders.common(headers);
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(Json.bytes(Map.of("error", text)))
                .build();
    }
}
