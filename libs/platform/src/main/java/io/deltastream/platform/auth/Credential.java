package io.deltastream.platform.auth;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A shared secret presented in a request header. Two exist:
 * <ul>
 *   <li>the internal credential ({@value #INTERNAL_HEADER}: {@code INTERNAL_TOKEN}), which one DeltaStream service
 *       presents to another. The api-gateway sets it on every request it forwards. In distributed mode every service
 *       except the two gateways refuses a request without it (401), so the gateway's rate limits and edge
 *       authentication cannot be bypassed by calling a service directly; {@code /health} and {@code /metrics} stay
 *       open for probes and Prometheus. The auth service believes {@code X-Forwarded-For} only from a caller that
 *       presents it;</li>
 *   <li>the admin credential ({@value #ADMIN_HEADER}: {@code ADMIN_TOKEN}), which opens the operations routes (the
 *       worker's dead-letter queue, the logging service's {@code /logs}).</li>
 * </ul>
 *
 * @param header the request header that carries it
 * @param token  the shared value (see {@link Secret})
 */
public record Credential(String header, String token) {
    /** The header of the internal credential. */
    public static final String INTERNAL_HEADER = "X-Internal-Token";
    /** The header of the admin credential. */
    public static final String ADMIN_HEADER = "X-Admin-Token";

    /** From {@code INTERNAL_TOKEN} (generated under {@code DATA_DIR} in embedded mode). */
    public static Credential internal(Env env) {
        return new Credential(INTERNAL_HEADER, Secret.INTERNAL_TOKEN.value(env));
    }

    /** From {@code ADMIN_TOKEN} (generated under {@code DATA_DIR} in embedded mode). */
    public static Credential admin(Env env) {
        return new Credential(ADMIN_HEADER, Secret.ADMIN_TOKEN.value(env));
    }

    /** True when {@code presented} (a header value, null when absent) is this credential; constant-time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code req} carries this credential. */
    public boolean presentedBy(ApiRequest req) {
        return matches(req.header(header).orElse(null));
    }

    /**
     * Guards a route.
     *
     * @throws ApiException 401 naming the header when {@code req} does not carry this credential
     */
    public void require(ApiRequest req) {
        if (!presentedBy(req)) {
            throw ApiException.unauthorized("Missing or wrong " + header + " header");
        }
    }

    @Override
    public String toString() {
        return "Credential[" + header + "]";
    }
}
