package io.deltastream.platform.http;

import io.deltastream.platform.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.common.uri.UriPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes of one service. Keeps each route's template so that metrics are labelled by template
 * (never by raw path) and so that a path served under another method answers 405 instead of 404.
 */
public final class Routes {
    static final String ROUTE_KEY = "deltastream.route";
    static final String JSON = "application/json";

    private record Route(Method method, String template, PathMatcher matcher, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Route> fallbacks = new ArrayList<>();

    public Routes get(String template, ApiHandler handler) {
        return api(Method.GET, template, handler);
    }

    public Routes post(String template, ApiHandler handler) {
        return api(Method.POST, template, handler);
    }

    public Routes put(String template, ApiHandler handler) {
        return api(Method.PUT, template, handler);
    }

    public Routes patch(String template, ApiHandler handler) {
        return api(Method.PATCH, template, handler);
    }

    public Routes delete(String template, ApiHandler handler) {
        return api(Method.DELETE, template, handler);
    }

    /** A JSON route. Template syntax is Helidon's: {@code /chain/{product}}, {@code /api/data/{+rest}}. */
    public Routes api(Method method, String template, ApiHandler handler) {
        return raw(method, template, (req, res) -> send(res, handler.handle(new ApiRequest(req))));
    }

    /** A route that writes its own response (proxying, static files, non-JSON bodies). */
    public Routes raw(Method method, String template, Handler handler) {
        routes.add(route(method, template, handler));
        return this;
    }

    /**
     * A route tried after every other route of the service, {@code /health} and {@code /metrics} included, so that a
     * catch-all template (a single-page app's {@code /{+path}}) does not hide them.
     */
    public Routes fallback(Method method, String template, Handler handler) {
        fallbacks.add(route(method, template, handler));
        return this;
    }

    /** A route whose requests carry their template (for metrics labels). */
    private static Route route(Method method, String template, Handler handler) {
        return new Route(method, template, PathMatchers.create(template), (req, res) -> {
            req.context().register(ROUTE_KEY, template);
            handler.handle(req, res);
        });
    }

    void registerInto(HttpRouting.Builder routing) {
        for (Route r : routes) {
            routing.route(r.method(), r.matcher(), r.handler());
        }
        for (Route r : fallbacks) {
            routing.route(r.method(), r.matcher(), r.handler());
        }
        routing.any(this::unmatched);
    }

    /** The methods served at {@code path}, for the 405 {@code Allow} header. */
    Set<String> methodsAt(UriPath path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.matcher().match(path).accepted()) {
                methods.add(r.method().text());
            }
        }
        return methods;
    }

    private void unmatched(ServerRequest req, ServerResponse res) {
        Set<String> allowed = methodsAt(req.path());
        if (allowed.isEmpty()) {
            throw ApiException.notFound("Not found: " + req.path().path());
        }
        allowed.add("OPTIONS");
        throw new ApiException(405, "Method " + req.prologue().method().text() + " not allowed on "
                + req.path().path()).withHeader("Allow", String.join(", ", allowed));
    }

    /** Writes a handler result: a {@link Reply}, or any other object as a 200 JSON body ({@link TextBody}: as is). */
    static void send(ServerResponse res, Object result) {
        if (res.isSent()) {
            return;
        }
        Reply reply = result instanceof Reply r ? r : Reply.ok(result);
        res.status(Status.create(reply.status()));
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            res.header(h.getKey(), h.getValue());
        }
        if (reply.status() == 204 || reply.body() == null) {
            res.send();
            return;
        }
        if (reply.body() instanceof TextBody text) {
            res.header(HeaderNames.CONTENT_TYPE, text.mediaType() + "; charset=utf-8");
            res.send(text.text().getBytes(StandardCharsets.UTF_8));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(reply.body() instanceof RawJson raw ? raw.utf8() : Json.bytes(reply.body()));
    }
}
