package io.deltastream.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One service behind the gateway: its name (as in error messages), base URL and a pooled HTTP/1.1 keep-alive client.
 * The JDK client is used rather than Helidon's: Helidon 4.2's client hex-dumps every body buffer it reads for a TRACE
 * log line whether or not TRACE is enabled, which made a 20 KB chain cost a millisecond of CPU at the gateway.
 *
 * @param name    the service name, e.g. {@code storage}
 * @param display how messages name it, e.g. {@code Storage}
 * @param baseUri e.g. {@code http://localhost:8003}
 */
record Downstream(String name, String display, URI baseUri, HttpClient client, ExecutorService executor)
        implements AutoCloseable {
    static Downstream create(String name, String display, URI baseUri, Duration connectTimeout) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        return new Downstream(name, display, baseUri, client, executor);
    }

    /** The absolute URI of a raw (already encoded) path and query on this service. */
    URI resolve(String rawPathAndQuery) {
        return URI.create(baseUri.toString().replaceAll("/+$", "") + rawPathAndQuery);
    }

    @Override
    public void close() {
        client.close();
        executor.shutdownNow();
    }
}
