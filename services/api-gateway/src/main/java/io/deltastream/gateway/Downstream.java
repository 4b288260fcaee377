package io.deltastream.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One service behind the gateway: its name (as in error messages), base URL and a pooled HTTP/1.1 keep-alive client
 * (Apache HttpClient 5, blocking, on the request's virtual thread). Not Helidon's client: Helidon 4.2's hex-dumps every
 * body buffer it reads for a TRACE log line whether or not TRACE is enabled (a millisecond of CPU per 20 KB chain);
 * not the JDK's: two thread hand-offs per exchange cost more than the exchange. Nagle is off, and connections idle
 * for a second are checked before reuse, so a downstream restart costs no failed request.
 *
 * @param name    the service name, e.g. {@code storage}
 * @param display how messages name it, e.g. {@code Storage}
 * @param baseUri e.g. {@code http://localhost:8003}
 * @param base    {@code baseUri} without a trailing slash, to which raw paths are appended
 */
record Downstream(String name, String display, URI baseUri, String base, CloseableHttpClient client)
        implements AutoCloseable {
    static Downstream create(String name, String display, URI baseUri, Duration connectTimeout) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(512)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .build();
        return new Downstream(name, display, baseUri, baseUri.toString().replaceAll("/+$", ""), client);
    }

    /** The absolute URI of a raw (already encoded) path and query on this service. */
    URI resolve(String rawPathAndQuery) {
        return URI.create(base + rawPathAndQuery);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
