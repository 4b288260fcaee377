package io.deltastream.app.rest;

import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A downstream that answers with what it received (method, raw path and query, body, forwarded headers), standing in
 * for services that other modules own (trade simulator, AI analyst) so the gateway's forwarding can be checked
 * byte for byte. {@code /api/ai/slow} answers after two seconds; {@code /api/trade/fail} answers 418 in JSON;
 * {@code /api/trade/html} answers HTML.
 */
final class EchoService implements Service {
    private final String name;

    EchoService(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int defaultPort() {
        return 0;
    }

    @Override
    public void install(ServiceContext ctx) {
        Routes routes = ctx.routes();
        for (Method m : List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE)) {
            routes.raw(m, "/api/{+rest}", (req, res) -> {
                String path = req.path().rawPath();
                if (path.equals("/api/ai/slow")) {
                    Thread.sleep(2000);
                }
                if (path.equals("/api/trade/html")) {
                    res.header(HeaderNames.CONTENT_TYPE, "text/html");
                    res.send("<html>oops</html>");
                    return;
                }
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("method", req.prologue().method().text());
                echo.put("path", path);
                echo.put("query", req.query().rawValue());
                echo.put("body", req.content().hasEntity()
                        ? new String(req.content().as(byte[].class), StandardCharsets.UTF_8) : "");
                echo.put("authorization", req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
                echo.put("content_type", req.headers().first(HeaderNames.CONTENT_TYPE).orElse(""));
                echo.put("request_id", req.headers().first(HeaderNames.create("X-Request-ID")).orElse(""));
                echo.put("forwarded_for", req.headers().first(HeaderNames.create("X-Forwarded-For")).orElse(""));
                echo.put("internal_token", req.headers().first(HeaderNames.create("X-Internal-Token")).orElse(""));
                res.status(path.equals("/api/trade/fail") ? Status.create(418) : Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(Json.bytes(echo));
            });
        }
    }
}
