package io.deltastream.platform.http;

import io.deltastream.platform.config.Env;
import java.time.Duration;
import java.util.List;

/**
 * Listener settings shared by every service.
 *
 * @param port            TCP port (0 = any free port)
 * @param maxBodyBytes    largest accepted request body; larger gets 413
 * @param corsOrigins     allowed origins ({@code *} = any, including {@code null} from file:// pages)
 * @param shutdownGrace   how long in-flight requests may run on shutdown
 */
public record HttpServerConfig(int port, long maxBodyBytes, List<String> corsOrigins, Duration shutdownGrace) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Reads {@code MAX_BODY_BYTES}, {@code CORS_ORIGINS}, {@code SHUTDOWN_GRACE_SECONDS}. */
    public static HttpServerConfig from(Env env, int port) {
        return new HttpServerConfig(
                port,
                env.longValue("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 64L * 1024 * 1024),
                env.list("CORS_ORIGINS", List.of("*")),
                env.seconds("SHUTDOWN_GRACE_SECONDS", Duration.ofSeconds(10), Duration.ofMinutes(5)));
    }

    /** The same settings on another port. */
    public HttpServerConfig withPort(int otherPort) {
        return new HttpServerConfig(otherPort, maxBodyBytes, corsOrigins, shutdownGrace);
    }
}
