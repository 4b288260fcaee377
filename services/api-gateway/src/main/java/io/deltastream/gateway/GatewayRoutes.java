package io.deltastream.gateway;

import io.deltastream.platform.http.Routes;
import io.deltastream.platform.http.TrustedProxies;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * Registers the gateway's forwarding routes: the documented {@link Endpoints}, then catch-alls that forward any other
 * {@code /api/trade/*} (authenticated) and {@code /api/ai/*} path, so that routes the trade simulator or the analyst add
 * reach them without a gateway release. Each request is rate-limited per client, then authenticated as its route
 * requires, then forwarded.
 */
final class GatewayRoutes {
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final List<Method> ANY = List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE);

    private final Proxy proxy;
    private final EdgeAuth auth;
    private final ClientRateLimiter limiter;
    private final TrustedProxies trustedProxies;

    GatewayRoutes(Proxy proxy, EdgeAuth auth, ClientRateLimiter limiter, TrustedProxies trustedProxies) {
        this.proxy = proxy;
        this.auth = auth;
        this.limiter = limiter;
        this.trustedProxies = trustedProxies;
    }

    void register(Routes routes, List<Endpoint> endpoints, java.time.Duration dataTimeout,
                  java.time.Duration aiTimeout) {
        for (Endpoint e : endpoints) {
            add(routes, e);
        }
        for (Method m : ANY) {
            add(routes, new Endpoint(m, "/api/trade/{+rest}", Endpoints.TRADE, "/api/trade/", Access.AUTHENTICATED,
                    dataTimeout, null));
            add(routes, new Endpoint(m, "/api/ai/{+rest}", Endpoints.AI, "/api/ai/", Access.MARKET_DATA, aiTimeout,
                    null));
        }
    }

    private void add(Routes routes, Endpoint e) {
        routes.raw(e.method(), e.path(), (req, res) -> {
            String client = client(req);
            limiter.acquire(client);
            auth.check(e.access(), req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
            proxy.forward(e, req, res, client);
        });
    }

    /** The caller: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy (a load balancer). */
    private String client(ServerRequest req) {
        return trustedProxies.client(req.remotePeer().host(),
                req.headers().first(FORWARDED_FOR).orElse(null));
    }
}
