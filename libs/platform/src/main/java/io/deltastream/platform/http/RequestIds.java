package io.deltastream.platform.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's {@code X-Request-ID} when it is a sane token, otherwise a new UUID, so
 * that one id follows a request through the gateway, the downstream services and their logs.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-ID";
    private static final String CONTEXT_KEY = "deltastream.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** Assigns (once) and returns the id of this request. */
    public static String of(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, String.class).orElseGet(() -> {
            String id = req.headers().first(HeaderNames.create(HEADER))
                    .filter(v -> SANE.matcher(v).matches())
                    .orElseGet(() -> UUID.randomUUID().toString());
            req.context().register(CONTEXT_KEY, id);
            return id;
        });
    }
}
