package io.deltastream.gateway;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.http.SecurityHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swagger UI at {@code /api/docs/ui}, served from the swagger-ui WebJar on the classpath (no CDN): our page points the
 * bundle at {@code /api/docs}; the WebJar's own assets are served under {@code /api/docs/ui/}.
 */
final class DocsUi {
    static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.34.1/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css",
            "text/css; charset=utf-8", "png", "image/png", "html", "text/html; charset=utf-8");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>DeltaStream API</title>
              <link rel="stylesheet" href="/api/docs/ui/swagger-ui.css">
              <link rel="icon" type="image/png" href="/api/docs/ui/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/api/docs/ui/swagger-ui-bundle.js"></script>
              <script src="/api/docs/ui/swagger-ui-standalone-preset.js"></script>
              <script src="/api/docs/ui/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = """
            window.ui = SwaggerUIBundle({url: '/api/docs', dom_id: '#swagger-ui', deepLinking: true,
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});
            """;
    /**
     * Everything from this origin; swagger-ui sets inline styles (hence {@code 'unsafe-inline'} for styles only) and
     * shows the schema's images as data URIs. No inline or foreign script.
     */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    void register(Routes routes) {
        routes.raw(Method.GET, "/api/docs/ui", (req, res) -> {
            SecurityHeaders.html(res, POLICY);
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get("html"));
            res.send(PAGE.getBytes(StandardCharsets.UTF_8));
        });
        routes.raw(Method.GET, "/api/docs/ui/init.js", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get("js"));
            res.send(INIT.getBytes(StandardCharsets.UTF_8));
        });
        routes.raw(Method.GET, "/api/docs/ui/{file}", (req, res) -> {
            String file = req.path().pathParameters().get("file");
            String ext = file.substring(file.lastIndexOf('.') + 1);
            if (!file.matches("[A-Za-z0-9._-]+") || file.contains("..") || !TYPES.containsKey(ext)) {
                throw ApiException.notFound("Not found: " + req.path().path());
            }
            byte[] bytes = assets.computeIfAbsent(file, DocsUi::load);
            if (bytes.length == 0) {
                throw ApiException.notFound("Not found: " + req.path().path());
            }
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get(ext));
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
            res.send(bytes);
        });
    }

    private static byte[] load(String file) {
        try (InputStream in = DocsUi.class.getResourceAsStream(WEBJAR + file)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
