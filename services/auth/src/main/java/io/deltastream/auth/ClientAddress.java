package io.deltastream.auth;

import io.deltastream.platform.http.ApiRequest;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from: the peer, or — when the peer is a trusted proxy such as the api-gateway — the
 * last address the proxy appended to {@code X-Forwarded-For} (earlier entries are the client's to forge).
 */
final class ClientAddress {
    private final Set<String> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(ApiRequest req) {
        String peer = req.clientAddress();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        return req.header("X-Forwarded-For").map(v -> {
            String[] hops = v.split(",");
            String last = hops[hops.length - 1].trim();
            return last.isEmpty() ? peer : last;
        }).orElse(peer);
    }
}
