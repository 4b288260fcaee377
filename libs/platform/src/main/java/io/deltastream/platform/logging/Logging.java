package io.deltastream.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.deltastream.platform.config.Env;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log set-up: JSON lines on stdout (see {@code logback.xml}), level from {@code LOG_LEVEL}, and
 * java.util.logging (used by Helidon) routed into the same output.
 */
public final class Logging {
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private Logging() {
    }

    public static synchronized void configure(Env env) {
        String level = env.choice("LOG_LEVEL", "info", LEVELS);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT)));
        }
    }
}
