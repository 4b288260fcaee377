package io.deltastream.platform.logging;

import io.deltastream.platform.config.Env;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * W3C trace context for the whole platform, in one place. A span puts {@code trace_id} and {@code span_id} into the
 * logging MDC while it is open (so every log line carries them) and restores what was there when it closes; its
 * {@link Span#traceparent()} is what goes out on downstream calls and bus messages. With
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, spans are also exported by the OpenTelemetry SDK over OTLP/HTTP
 * (protobuf, batched, to {@code <endpoint>/v1/traces}); unset, no SDK runs and a span costs two ids and a few MDC
 * puts.
 */
public final class Tracing {
    /** The W3C request header (and bus message field) that carries the context. */
    public static final String TRACEPARENT = "traceparent";
    /** The response header that tells a caller the trace id of its request. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    public static final String MDC_TRACE_ID = "trace_id";
    public static final String MDC_SPAN_ID = "span_id";
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("deltastream.service");

    private static SdkTracerProvider provider;
    private static volatile Tracer tracer;

    private Tracing() {
    }

    /** What a span stands for, as OpenTelemetry names it. */
    public enum Kind {
        SERVER(SpanKind.SERVER), CLIENT(SpanKind.CLIENT), CONSUMER(SpanKind.CONSUMER), PRODUCER(SpanKind.PRODUCER);

        private final SpanKind otel;

        Kind(SpanKind otel) {
            this.otel = otel;
        }
    }

    /**
     * Starts the OTLP exporter when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set and none runs yet. Spans carry the
     * resource {@code service.name} {@code OTEL_SERVICE_NAME} (default {@code deltastream}; all services may share
     * one JVM) and the attribute {@code deltastream.service} of the service that opened them.
     */
    public static synchronized void configure(Env env) {
        Optional<URI> endpoint = env.uri("OTEL_EXPORTER_OTLP_ENDPOINT", Set.of("http", "https"));
        if (endpoint.isEmpty() || provider != null) {
            return;
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.get().toString().replaceFirst("/+$", "") + "/v1/traces")
                .build();
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), env.string("OTEL_SERVICE_NAME", "deltastream")))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        tracer = provider.get("io.deltastream");
        Runtime.getRuntime().addShutdownHook(new Thread(Tracing::shutdown, "otel-shutdown"));
    }

    /** Exports what is buffered and stops the exporter (tests; the JVM's shutdown does it otherwise). */
    public static synchronized void shutdown() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
            provider = null;
            tracer = null;
        }
    }

    /**
     * Opens a span that continues {@code traceparent} (an incoming header or message field) when it is a valid W3C
     * value, and starts a new trace otherwise (absent, malformed, or all-zero ids).
     */
    public static Span continueFrom(String traceparent, String name, Kind kind) {
        var m = traceparent == null ? null : TRACEPARENT_FORMAT.matcher(traceparent.trim());
        if (m != null && m.matches() && !INVALID_TRACE.equals(m.group(1)) && !INVALID_SPAN.equals(m.group(2))) {
            return open(m.group(1), m.group(2), name, kind);
        }
        return open(null, null, name, kind);
    }

    /** Opens a child of the span open on this thread (a new trace when there is none). */
    public static Span child(String name, Kind kind) {
        return open(MDC.get(MDC_TRACE_ID), MDC.get(MDC_SPAN_ID), name, kind);
    }

    /** The {@code traceparent} of the span open on this thread, if any: what to send along. */
    public static Optional<String> current() {
        String trace = MDC.get(MDC_TRACE_ID);
        String span = MDC.get(MDC_SPAN_ID);
        return trace == null || span == null ? Optional.empty() : Optional.of(format(trace, span));
    }

    private static Span open(String traceId, String parentSpanId, String name, Kind kind) {
        Tracer t = tracer;
        io.opentelemetry.api.trace.Span otel = null;
        String trace;
        String span;
        if (t != null) {
            Context parent = traceId == null ? Context.root() : Context.root().with(io.opentelemetry.api.trace.Span.wrap(
                    SpanContext.createFromRemoteParent(traceId, parentSpanId, TraceFlags.getSampled(),
                            TraceState.getDefault())));
            otel = t.spanBuilder(name).setParent(parent).setSpanKind(kind.otel).startSpan();
            String service = MDC.get("service");
            if (service != null) {
                otel.setAttribute(SERVICE, service);
            }
            trace = otel.getSpanContext().getTraceId();
            span = otel.getSpanContext().getSpanId();
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            trace = traceId != null ? traceId : HexFormat.of().toHexDigits(random.nextLong() | 1)
                    + HexFormat.of().toHexDigits(random.nextLong());
            span = HexFormat.of().toHexDigits(random.nextLong() | 1);
        }
        return new Span(trace, span, MDC.get(MDC_TRACE_ID), MDC.get(MDC_SPAN_ID), otel);
    }

    private static String format(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /**
     * An open span; close it on the thread that opened it (try-with-resources), which restores that thread's
     * previous trace context.
     */
    public static final class Span implements AutoCloseable {
        private final String traceId;
        private final String spanId;
        private final String previousTrace;
        private final String previousSpan;
        private final io.opentelemetry.api.trace.Span otel;

        private Span(String traceId, String spanId, String previousTrace, String previousSpan,
                     io.opentelemetry.api.trace.Span otel) {
            this.traceId = traceId;
            this.spanId = spanId;
            this.previousTrace = previousTrace;
            this.previousSpan = previousSpan;
            this.otel = otel;
            MDC.put(MDC_TRACE_ID, traceId);
            MDC.put(MDC_SPAN_ID, spanId);
        }

        /** 32 lowercase hex digits. */
        public String traceId() {
            return traceId;
        }

        /** 16 lowercase hex digits. */
        public String spanId() {
            return spanId;
        }

        /** {@code 00-<trace id>-<span id>-01}: this span as the parent of what it calls. */
        public String traceparent() {
            return format(traceId, spanId);
        }

        /**
         * Renames the exported span, e.g. to the route template once routing has found it (a raw path would give
         * a name per order id or symbol).
         */
        public Span rename(String name) {
            if (otel != null) {
                otel.updateName(name);
            }
            return this;
        }

        /** Records an attribute on the exported span (nothing without an exporter). */
        public Span attribute(String key, String value) {
            if (otel != null && value != null) {
                otel.setAttribute(key, value);
            }
            return this;
        }

        /** Marks the exported span as failed, e.g. a 5xx answer or a handler's exception. */
        public void failed(String description) {
            if (otel != null) {
                otel.setStatus(StatusCode.ERROR, description);
            }
        }

        @Override
        public void close() {
            if (otel != null) {
                otel.end();
            }
            restore(MDC_TRACE_ID, previousTrace);
            restore(MDC_SPAN_ID, previousSpan);
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
