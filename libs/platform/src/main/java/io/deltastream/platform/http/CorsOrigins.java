package io.deltastream.platform.http;

import java.util.List;

/**
 * Which browser origins may read the answers of a listener ({@code CORS_ORIGINS}, {@code SOCKET_CORS_ORIGINS}): any
 * ({@code *}, including the opaque {@code null} origin of {@code file://} pages), or the listed ones. Shared by the
 * HTTP bootstrap and the socket gateway so that both apply the same rules.
 *
 * @param origins the configured origins, {@code *} meaning any
 */
public record CorsOrigins(List<String> origins) {
    public CorsOrigins {
        origins = List.copyOf(origins);
    }

    /** True when any origin is allowed. */
    public boolean any() {
        return origins.contains("*");
    }

    /** Whether a request from {@code origin} may read the answer. */
    public boolean allows(String origin) {
        return any() || origins.contains(origin);
    }

    /**
     * The {@code Access-Control-Allow-Origin} value for an allowed {@code origin}: {@code *} when any origin is allowed
     * (then no credentials may be allowed, and none need {@code Vary: Origin}), else the origin itself.
     */
    public String allowOriginValue(String origin) {
        return any() ? "*" : origin;
    }
}
