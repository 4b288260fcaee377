package io.deltastream.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import io.deltastream.platform.config.Env;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log set-up: JSON lines on stdout (see {@code logback.xml}), level from {@code LOG_LEVEL}, java.util.logging (used
 * by Helidon) routed into the same output, and, with {@code LOKI_URL} set, the same events pushed to Loki.
 */
public final class Logging {
    /** The name of the Loki appender on the root logger. */
    public static final String LOKI_APPENDER = "LOKI";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    /** How long an event may wait in the appender's batch before it is pushed. */
    private static final long LOKI_BATCH_MS = 2_000;

    private Logging() {
    }

    public static synchronized void configure(Env env) {
        String level = env.choice("LOG_LEVEL", "info", LEVELS);
        Optional<URI> loki = env.uri("LOKI_URL", Set.of("http", "https"));
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT)));
            if (loki.isPresent() && root.getAppender(LOKI_APPENDER) == null) {
                root.addAppender(lokiAppender(context, loki.get()));
            }
        }
    }

    /**
     * Pushes each event to {@code <LOKI_URL>/loki/api/v1/push} in JSON batches, labelled {@code service} and
     * {@code level}; the line is the event as JSON (timestamp, logger, level, thread, message, MDC such as
     * {@code request_id}, stack trace). Loki being down costs retries and dropped batches, never a blocked caller.
     */
    private static Loki4jAppender lokiAppender(LoggerContext context, URI base) {
        Loki4jAppender appender = new Loki4jAppender();
        appender.setContext(context);
        appender.setName(LOKI_APPENDER);
        appender.setLabels("service=%mdc{service:-deltastream}\nlevel=%level");
        JsonLayout layout = new JsonLayout();
        layout.setContext(context);
        appender.setMessage(layout);
        PipelineConfigAppenderBase.HttpCfg http = new PipelineConfigAppenderBase.HttpCfg();
        http.setUrl(base.toString().replaceFirst("/+$", "") + "/loki/api/v1/push");
        http.setUseProtobufApi(false);
        appender.setHttp(http);
        PipelineConfigAppenderBase.BatchCfg batch = new PipelineConfigAppenderBase.BatchCfg();
        batch.setTimeoutMs(LOKI_BATCH_MS);
        appender.setBatch(batch);
        appender.start();
        return appender;
    }
}
