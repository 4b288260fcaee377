package io.deltastream.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Trace context through the HTTP bootstrap, and OTLP export to a receiver started here. */
class TracingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INCOMING = "00-" + TRACE + "-00f067aa0ba902b7-01";

    /** A service whose one route answers the trace context its handler runs in (what its log lines carry). */
    private static RunningService start(SharedResources shared, Map<String, String> env) throws Exception {
        Service probe = new Service() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public int defaultPort() {
                return 0;
            }

            @Override
            public void install(ServiceContext ctx) {
                ctx.routes().get("/context/{id}", req -> Map.of("trace_id", MDC.get(Tracing.MDC_TRACE_ID),
                        "span_id", MDC.get(Tracing.MDC_SPAN_ID)));
            }
        };
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PROBE_PORT", "0");
        return ServiceHost.start(probe, Env.of(all), shared, false);
    }

    private static HttpResponse<String> get(RunningService s, String traceparent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/context/order-42"));
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestContinuesTheCallersTraceInItsLoggingContextAndEchoesIt() throws Exception {
        try (SharedResources shared = new SharedResources(); RunningService s = start(shared, Map.of())) {
            HttpResponse<String> r = get(s, INCOMING);
            assertThat(r.statusCode()).isEqualTo(200);
            String echoed = r.headers().firstValue("traceparent").orElseThrow();
            assertThat(echoed).matches("00-" + TRACE + "-[0-9a-f]{16}-01").isNotEqualTo(INCOMING);
            assertThat(r.headers().firstValue("X-Trace-Id")).hasValue(TRACE);
            assertThat(r.body()).contains("\"trace_id\":\"" + TRACE + "\"")
                    .contains("\"span_id\":\"" + echoed.substring(36, 52) + "\"");
        }
    }

    @Test
    void aMissingMalformedOrAllZeroTraceparentStartsANewTrace() throws Exception {
        try (SharedResources shared = new SharedResources(); RunningService s = start(shared, Map.of())) {
            List<String> ids = new java.util.ArrayList<>();
            for (String bad : new String[] {null, "garbage", "00-" + TRACE + "-00f067aa0ba902b7",
                    "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "00-" + TRACE + "-" + "0".repeat(16) + "-01",
                    "00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01"}) {
                HttpResponse<String> r = get(s, bad);
                String id = r.headers().firstValue("X-Trace-Id").orElseThrow();
                assertThat(id).as("for %s", bad).matches("[0-9a-f]{32}").isNotEqualTo(TRACE)
                        .isNotEqualTo("0".repeat(32));
                ids.add(id);
            }
            assertThat(ids).doesNotHaveDuplicates();
        }
    }

    @Test
    void aChildContinuesTheOpenSpanAndClosingRestoresTheOuterContext() {
        assertThat(Tracing.current()).isEmpty();
        try (Tracing.Span outer = Tracing.continueFrom(INCOMING, "outer", Tracing.Kind.SERVER)) {
            try (Tracing.Span inner = Tracing.child("inner", Tracing.Kind.CLIENT)) {
                assertThat(inner.traceId()).isEqualTo(TRACE);
                assertThat(inner.spanId()).isNotEqualTo(outer.spanId());
                assertThat(Tracing.current()).hasValue(inner.traceparent());
            }
            assertThat(Tracing.current()).hasValue(outer.traceparent());
        }
        assertThat(MDC.get(Tracing.MDC_TRACE_ID)).isNull();
        assertThat(MDC.get(Tracing.MDC_SPAN_ID)).isNull();
    }

    /**
     * An OTLP/HTTP receiver (the {@code /v1/traces} route of the OpenTelemetry protocol) that keeps what it is sent;
     * the SDK's exporter sends protobuf, in which ids are raw bytes and names UTF-8 strings.
     */
    @Test
    void withAnOtlpEndpointServerSpansAreExportedWithTheCallersTraceId() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> types = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            types.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (SharedResources shared = new SharedResources(); RunningService s = start(shared,
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort()))) {
            assertThat(get(s, INCOMING).statusCode()).isEqualTo(200);
        } finally {
            Tracing.shutdown();
            receiver.stop(0);
        }
        assertThat(types).isNotEmpty().allMatch("application/x-protobuf"::equals);
        byte[] all = concat(bodies);
        assertThat(contains(all, HexFormat.of().parseHex(TRACE))).isTrue();
        assertThat(contains(all, "GET /context/{id}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(contains(all, "order-42".getBytes(StandardCharsets.UTF_8))).as("named by route, not path").isFalse();
        assertThat(contains(all, "probe".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
