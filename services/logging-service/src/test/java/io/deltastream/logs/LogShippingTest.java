package io.deltastream.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.logging.LogShippingAppender;
import io.deltastream.platform.logging.Logging;
import io.deltastream.platform.logging.Tracing;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Every service's JSON log lines reach a real logging-service with {@code LOGGING_SERVICE_URL} set. */
class LogShippingTest {
    private static final String ADMIN_TOKEN = "shipping-test-admin-token-0123456789abcdef";
    private static final String INTERNAL_TOKEN = "shipping-test-internal-token-0123456789abcdef";

    @Test
    void logLinesWithTheirTraceIdReachTheLoggingServicesFileOfTheirService() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (TestServices services = new TestServices()) {
            services.env("LOG_DIR", services.dataDir().resolve("logs").toString()).env("ADMIN_TOKEN", ADMIN_TOKEN)
                    .env("INTERNAL_TOKEN", INTERNAL_TOKEN);
            RunningService logging = services.start(new LoggingService());
            Logging.configure(Env.of(Map.of("LOGGING_SERVICE_URL", logging.baseUrl(),
                    "INTERNAL_TOKEN", INTERNAL_TOKEN)));
            String traceId;
            MDC.put("service", "shipper");
            try (Tracing.Span span = Tracing.continueFrom(null, "test", Tracing.Kind.SERVER)) {
                traceId = span.traceId();
                LoggerFactory.getLogger("shipping.test").info("order {} accepted", 42);
            } finally {
                MDC.remove("service");
            }
            HttpJson admin = TestServices.http(logging).withHeader(Credential.ADMIN_HEADER, ADMIN_TOKEN);
            var line = Eventually.value("the line in the logging-service's file for 'shipper'", () -> {
                for (var l : admin.get("/logs/shipper").json().path("logs")) {
                    if ("order 42 accepted".equals(l.path("message").asText())) {
                        return l;
                    }
                }
                return null;
            });
            assertThat(line.get("trace_id").asText()).isEqualTo(traceId);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("logger").asText()).isEqualTo("shipping.test");
            LogShippingAppender shipping = (LogShippingAppender) root.getAppender(Logging.SHIPPING_APPENDER);
            assertThat(shipping.dropped()).isZero();
            // the ingestion's own access lines are not shipped back to it
            Eventually.until("the logging-service's own lines shipped", () -> admin.get("/logs/logging-service")
                    .json().path("count").asInt() > 0);
            assertThat(admin.get("/logs/logging-service?limit=1000").json().path("logs").toString())
                    .doesNotContain("POST /logs ");
        } finally {
            var appender = root.getAppender(Logging.SHIPPING_APPENDER);
            if (appender != null) {
                root.detachAppender(appender);
                appender.stop();
            }
        }
    }

    @Test
    void withTheLoggingServiceDownLinesAreDroppedAndCountedWithoutBlockingTheCaller() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        LogShippingAppender shipping = new LogShippingAppender(
                URI.create("http://127.0.0.1:" + FreePorts.next()), new Credential(Credential.INTERNAL_HEADER, "x"), encoder);
        shipping.setContext(context);
        shipping.start();
        try {
            Logger logger = context.getLogger("shipping.down");
            int lines = 25_000;
            for (int i = 0; i < lines; i++) {
                ILoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(Logger.FQCN, logger,
                        ch.qos.logback.classic.Level.INFO, "line " + i, null, null);
                shipping.doAppend(event);
            }
            Eventually.until("every line dropped and counted", () -> shipping.dropped() == lines);
            assertThat(shipping.shipped()).isZero();
        } finally {
            shipping.stop();
        }
    }
}
