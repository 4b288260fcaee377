package io.deltastream.gateway;

import io.helidon.webclient.http1.Http1Client;
import java.net.URI;
import java.time.Duration;

/**
 * One service behind the gateway: its name (as in error messages), base URL and a pooled HTTP/1.1 keep-alive client.
 * Nagle's algorithm is off: a proxied request is written in pieces (prologue, headers, body), and waiting for the
 * ACK of the first piece cost tens of milliseconds per request.
 *
 * @param name    the service name, e.g. {@code storage}
 * @param display how messages name it, e.g. {@code Storage}
 * @param baseUri e.g. {@code http://localhost:8003}
 */
record Downstream(String name, String display, URI baseUri, Http1Client client) {
    static Downstream create(String name, String display, URI baseUri, Duration connectTimeout) {
        Http1Client client = Http1Client.builder()
                .baseUri(baseUri)
                .socketOptions(s -> s.tcpNoDelay(true).connectTimeout(connectTimeout))
                .connectionCacheSize(256)
                .followRedirects(false)
                .build();
        return new Downstream(name, display, baseUri, client);
    }
}
