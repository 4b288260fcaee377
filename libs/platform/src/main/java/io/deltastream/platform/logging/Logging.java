package io.deltastream.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import net.logstash.logback.encoder.LogstashEncoder;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log set-up: JSON lines on stdout (see {@code logback.xml}), level from {@code LOG_LEVEL}, java.util.logging (used
 * by Helidon) routed into the same output, with {@code LOKI_URL} set the same events pushed to Loki, and with
 * {@code LOGGING_SERVICE_URL} set the same lines shipped to the logging-service ({@link LogShippingAppender}).
 */
public final class Logging {
    /** The name of the Loki appender on the root logger. */
    public static final String LOKI_APPENDER = "LOKI";
    /** The name of the logging-service appender on the root logger. */
    public static final String SHIPPING_APPENDER = "LOGGING_SERVICE";
    /** The stdout appender of {@code logback.xml}, whose encoder the shipped lines share. */
    private static final String STDOUT_APPENDER = "JSON";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    /** How long an event may wait in the appender's batch before it is pushed. */
    private static final long LOKI_BATCH_MS = 2_000;

    private Logging() {
    }

    public static synchronized void configure(Env env) {
        String level = env.choice("LOG_LEVEL", "info", LEVELS);
        Optional<URI> loki = env.uri("LOKI_URL", Set.of("http", "https"));
        Optional<URI> loggingService = env.uri("LOGGING_SERVICE_URL", Set.of("http", "https"));
        // resolved by every service, not only the first of a JVM: a missing secret stops each one's start-up
        Optional<Credential> shippingCredential = loggingService.map(u -> Credential.internal(env));
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
            if (loggingService.isPresent() && root.getAppender(SHIPPING_APPENDER) == null) {
                LogShippingAppender shipping = new LogShippingAppender(loggingService.get(),
                        shippingCredential.orElseThrow(), jsonEncoder(context, root));
                shipping.setContext(context);
                shipping.setName(SHIPPING_APPENDER);
                shipping.start();
                root.addAppender(shipping);
            }
        }
    }

    /**
     * For a process that runs one service ({@code ./deltastream service NAME}): lines logged outside that service's
     * own threads (start-up, the HTTP server's and the Redis client's threads) carry its name too, rather than
     * {@code SERVICE_NAME}'s, which names the whole platform in one JVM. Reloads {@code logback.xml} with that name;
     * call it before {@link #configure}, which adds appenders to the reloaded configuration.
     */
    public static synchronized void nameProcess(String service) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            context.putProperty("SERVICE_NAME", service);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(Logging.class.getResource("/logback.xml"));
            } catch (JoranException e) {
                throw new IllegalStateException("cannot reload logback.xml", e);
            }
        }
    }

    /** The stdout appender's encoder, so that shipped lines are the lines stdout shows. */
    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context, ch.qos.logback.classic.Logger root) {
        if (root.getAppender(STDOUT_APPENDER) instanceof OutputStreamAppender<?> stdout) {
            return (Encoder<ILoggingEvent>) stdout.getEncoder();
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
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
