package io.deltastream.platform.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;

/**
 * The response headers that tell a browser how to treat an answer. The bootstrap sends
 * {@code X-Content-Type-Options: nosniff} on every response (so that a JSON error is never sniffed into HTML or
 * script); routes add the rest:
 * <ul>
 *   <li>{@link #html(ServerResponse, String)} for every HTML page: its Content-Security-Policy, and framing refused
 *       ({@code X-Frame-Options: DENY}, CSP {@code frame-ancestors 'none'}) against clickjacking;</li>
 *   <li>{@link #noStore(ApiHandler)} for answers that carry credentials (tokens), which no browser or proxy cache may
 *       keep.</li>
 * </ul>
 */
public final class SecurityHeaders {
    /** Value of {@code Cache-Control} on answers that carry credentials. */
    public static final String NO_STORE = "no-store";
    private static final HeaderName CONTENT_TYPE_OPTIONS = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");

    private SecurityHeaders() {
    }

    /** What every response gets; called by the bootstrap, including on errors. */
    static void common(ServerResponse res) {
        common(res.headers());
    }

    /** As {@link #common(ServerResponse)}, for answers written before routing (bad request line, ...). */
    static void common(ServerResponseHeaders headers) {
        headers.set(CONTENT_TYPE_OPTIONS, "nosniff");
    }

    /**
     * Marks {@code res} as an HTML page governed by {@code contentSecurityPolicy}, e.g.
     * {@code "default-src 'self'; img-src 'self' data:"}. {@code frame-ancestors 'none'} is added when the policy does
     * not say who may frame the page; {@code X-Frame-Options: DENY} and {@code Referrer-Policy: no-referrer} are set
     * for browsers that predate CSP level 2. Sets neither the content type nor the body.
     */
    public static void html(ServerResponse res, String contentSecurityPolicy) {
        String policy = contentSecurityPolicy.strip();
        if (!policy.toLowerCase(Locale.ROOT).contains("frame-ancestors")) {
            policy = (policy.isEmpty() || policy.endsWith(";") ? policy : policy + ";")
                    + (policy.isEmpty() ? "" : " ") + "frame-ancestors 'none'";
        }
        res.header(CONTENT_SECURITY_POLICY, policy);
        res.header(FRAME_OPTIONS, "DENY");
        res.header(REFERRER_POLICY, "no-referrer");
    }

    /** {@code handler} with {@code Cache-Control: no-store} added to its successful answers. */
    public static ApiHandler noStore(ApiHandler handler) {
        return req -> {
            Object result = handler.handle(req);
            Reply reply = result instanceof Reply r ? r : Reply.ok(result);
            return reply.withHeader(HeaderNames.CACHE_CONTROL.defaultCase(), NO_STORE);
        };
    }
}
