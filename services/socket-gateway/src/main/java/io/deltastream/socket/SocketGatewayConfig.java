package io.deltastream.socket;

import io.deltastream.platform.config.Env;
import java.time.Duration;
import java.util.List;

/**
 * Socket gateway settings from the environment.
 *
 * @param corsOrigins        {@code SOCKET_CORS_ORIGINS} (default {@code CORS_ORIGINS}, default {@code *}): origins
 *                           allowed to open a session; {@code *} allows any, including {@code null} (file:// pages)
 * @param pingInterval       {@code SOCKET_PING_INTERVAL} (seconds, default 25, the reference's)
 * @param pingTimeout        {@code SOCKET_PING_TIMEOUT} (seconds, default 20, the reference's)
 * @param maxPayloadBytes    {@code SOCKET_MAX_PAYLOAD_BYTES} (default 1 MiB, the reference's maxHttpBufferSize): the
 *                           largest HTTP body or WebSocket frame accepted from a client
 * @param clientBuffer       {@code SOCKET_CLIENT_BUFFER} (messages, default 256): how many messages may wait for one
 *                           slow client; the latest chain/price per product replaces an older waiting one, and a
 *                           client whose buffer overflows is disconnected
 * @param slowClientTimeout  {@code SOCKET_SLOW_CLIENT_TIMEOUT} (seconds, default 30): a client whose buffer has not
 *                           emptied for this long is disconnected
 * @param writeBufferBytes   {@code SOCKET_WRITE_BUFFER_BYTES} (default 256 KiB): bytes queued on one connection above
 *                           which the client counts as slow and further messages wait in its buffer
 * @param workerThreads      {@code SOCKET_WORKER_THREADS} (default 0 = two per CPU): Netty I/O threads
 * @param compression        {@code SOCKET_COMPRESSION} (default false): per-message deflate and HTTP compression;
 *                           saves bandwidth at a CPU cost per client and message
 */
public record SocketGatewayConfig(List<String> corsOrigins, Duration pingInterval, Duration pingTimeout,
                                  int maxPayloadBytes, int clientBuffer, Duration slowClientTimeout,
                                  int writeBufferBytes, int workerThreads, boolean compression) {

    public static SocketGatewayConfig from(Env env) {
        List<String> cors = env.list("SOCKET_CORS_ORIGINS", env.list("CORS_ORIGINS", List.of("*")));
        return new SocketGatewayConfig(cors,
                env.seconds("SOCKET_PING_INTERVAL", Duration.ofSeconds(25), Duration.ofMinutes(10)),
                env.seconds("SOCKET_PING_TIMEOUT", Duration.ofSeconds(20), Duration.ofMinutes(10)),
                env.integer("SOCKET_MAX_PAYLOAD_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
                env.integer("SOCKET_CLIENT_BUFFER", 256, 8, 1_000_000),
                env.seconds("SOCKET_SLOW_CLIENT_TIMEOUT", Duration.ofSeconds(30), Duration.ofHours(1)),
                env.integer("SOCKET_WRITE_BUFFER_BYTES", 256 * 1024, 8 * 1024, 64 * 1024 * 1024),
                env.integer("SOCKET_WORKER_THREADS", 0, 0, 1024),
                env.bool("SOCKET_COMPRESSION", false));
    }

    /** True when any origin may connect. */
    public boolean anyOrigin() {
        return corsOrigins.contains("*");
    }
}
