package io.deltastream.auth;

import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.TrustedProxies;

/**
 * The address a request came from: the peer, or — when the peer is a trusted proxy ({@code TRUSTED_PROXIES}) and
 * the request carries the internal credential, i.e. it is the api-gateway — the last address the gateway appended
 * to {@code X-Forwarded-For} (earlier entries are the client's to forge). Without the credential check any local
 * process could rotate {@code X-Forwarded-For} from a loopback address and escape the per-client login limit.
 */
final class ClientAddress {
    private final TrustedProxies trustedProxies;
    private final Credential gateway;

    ClientAddress(TrustedProxies trustedProxies, Credential gateway) {
        this.trustedProxies = trustedProxies;
        this.gateway = gateway;
    }

    String of(ApiRequest req) {
        String peer = req.clientAddress();
        if (!gateway.presentedBy(req)) {
            return peer;
        }
        return trustedProxies.client(peer, req.header("X-Forwarded-For").orElse(null));
    }
}
