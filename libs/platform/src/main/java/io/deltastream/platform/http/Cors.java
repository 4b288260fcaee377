package io.deltastream.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * CORS as the reference's clients need it: any origin by default (like flask-cors), including the
 * opaque {@code null} origin of a page opened from {@code file://}, which Helidon's CORS support
 * refuses; or an explicit list of origins.
 */
final class Cors {
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String EXPOSED = RequestIds.HEADER + ", Retry-After";

    private final CorsOrigins origins;

    Cors(List<String> origins) {
        this.origins = new CorsOrigins(origins);
    }

    /** Adds the headers of an actual (not preflight) cross-origin answer, when the request's origin is allowed. */
    void decorate(ServerRequest req, ServerResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && origins.allows(origin.get())) {
            allowOrigin(origin.get(), res);
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        }
    }

    private void allowOrigin(String origin, ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origins.allowOriginValue(origin));
        if (!origins.any()) {
            res.header(HeaderNames.VARY, "Origin");
        }
    }

    /**
     * Adds the CORS response headers; answers a preflight itself.
     *
     * @return true when the request was fully answered (a preflight)
     */
    boolean apply(RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return false;
        }
        boolean allowed = origins.allows(origin.get());
        boolean preflight = "OPTIONS".equals(req.prologue().method().text())
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (!allowed) {
            if (preflight) {
                throw ApiException.forbidden("Origin not allowed: " + origin.get());
            }
            return false;
        }
        allowOrigin(origin.get(), res);
        if (!preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
            return false;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "3600");
        res.status(Status.NO_CONTENT_204);
        res.send();
        return true;
    }
}
