package io.deltastream.gateway;

import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.http.SecurityHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web dashboard, built from {@code web/} by the Maven build into the classpath folder {@code /dashboard/}: hashed
 * assets under {@code /assets/} with a one-year immutable cache, {@code index.html} (no-cache) at {@code /} and at every
 * other non-API path (single-page-app fallback), each file's precompressed {@code .br} or {@code .gz} twin sent to
 * clients that accept it. The page learns where the socket gateway is from a meta tag filled in here, and its
 * Content-Security-Policy allows exactly that origin besides its own.
 */
final class Dashboard {
    static final String ROOT = "/dashboard/";
    static final String SOCKET_META = "<meta name=\"deltastream-socket-url\" content=\"\">";
    static final String NOT_BUILT = "dashboard not built: install Node.js 20 or newer (with npm) and run "
            + "./deltastream build; the API and its docs (/api/docs/ui) work without it";
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css",
            "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "woff2", "font/woff2", "json",
            "application/json", "ico", "image/x-icon", "html", "text/html; charset=utf-8");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private record Asset(byte[] plain, byte[] gzip, byte[] brotli) {
    }

    private final String root;
    private final Optional<URI> publicSocketUrl;
    private final int socketPort;
    private final String indexTemplate;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    /**
     * @param root            classpath folder of the bundle, {@link #ROOT} in production
     * @param publicSocketUrl the socket gateway's URL as browsers reach it ({@code DASHBOARD_SOCKET_URL}); empty means
     *                        the host the page was loaded from, on {@code socketPort}
     * @param socketPort      the socket gateway's port when no public URL is configured
     */
    Dashboard(String root, Optional<URI> publicSocketUrl, int socketPort) {
        this.root = root;
        this.publicSocketUrl = publicSocketUrl;
        this.socketPort = socketPort;
        this.indexTemplate = load("index.html").map(a -> new String(a.plain(), StandardCharsets.UTF_8)).orElse(null);
    }

    /** Whether the bundle is on the classpath (it is not when the build found no Node.js). */
    boolean built() {
        return indexTemplate != null;
    }

    void register(Routes routes) {
        routes.raw(Method.GET, "/", this::index);
        routes.raw(Method.GET, "/assets/{file}", this::asset);
        routes.fallback(Method.GET, "/{+path}", (req, res) -> {
            String path = req.path().path();
            // API paths keep their JSON 404; a path with an extension is a missing file, not a screen.
            if (path.startsWith("/api/") || path.equals("/api") || path.substring(path.lastIndexOf('/')).contains(".")) {
                throw ApiException.notFound("Not found: " + path);
            }
            index(req, res);
        });
    }

    private void index(ServerRequest req, ServerResponse res) {
        if (indexTemplate == null) {
            res.status(Status.SERVICE_UNAVAILABLE_503);
            res.header(HeaderNames.CONTENT_TYPE, TYPES.get("html"));
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            SecurityHeaders.html(res, "default-src 'none'");
            res.send(("<!DOCTYPE html><html lang=\"en\"><title>DeltaStream</title><p>The " + NOT_BUILT
                    + ".</p></html>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String socket = socketOrigin(req);
        String html = indexTemplate.replace(SOCKET_META,
                "<meta name=\"deltastream-socket-url\" content=\"" + socket + "\">");
        res.header(HeaderNames.CONTENT_TYPE, TYPES.get("html"));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        SecurityHeaders.html(res, contentSecurityPolicy(socket));
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        Asset a = ASSET.matcher(file).matches() && !file.startsWith(".") && type != null
                ? assets.computeIfAbsent(file, f -> load("assets/" + f)).orElse(null) : null;
        if (a == null) {
            throw ApiException.notFound("Not found: " + req.path().path());
        }
        String accept = req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse("");
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.CACHE_CONTROL, IMMUTABLE);
        if (a.gzip() != null || a.brotli() != null) {
            res.header(HeaderNames.VARY, "Accept-Encoding");
        }
        if (a.brotli() != null && accepts(accept, "br")) {
            res.header(HeaderNames.CONTENT_ENCODING, "br");
            res.send(a.brotli());
        } else if (a.gzip() != null && accepts(accept, "gzip")) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(a.gzip());
        } else {
            res.send(a.plain());
        }
    }

    /** Whether an Accept-Encoding header value accepts {@code coding} (present, and not with {@code q=0}). */
    static boolean accepts(String acceptEncoding, String coding) {
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.trim().split(";");
            if (!fields[0].trim().equalsIgnoreCase(coding)) {
                continue;
            }
            for (int i = 1; i < fields.length; i++) {
                String f = fields[i].trim().replace(" ", "");
                if (f.startsWith("q=")) {
                    try {
                        return Double.parseDouble(f.substring(2)) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    /** The socket gateway's origin for this page: the configured one, or the page's host on the socket port. */
    String socketOrigin(ServerRequest req) {
        if (publicSocketUrl.isPresent()) {
            URI u = publicSocketUrl.get();
            return u.getScheme() + "://" + u.getRawAuthority();
        }
        String host = req.requestedUri().host();
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return "http://" + host + ":" + socketPort;
    }

    /**
     * Only this origin's scripts, styles, images and fonts; connections to this origin and the socket gateway (its
     * WebSocket scheme too); never framed.
     */
    static String contentSecurityPolicy(String socketOrigin) {
        URI u = URI.create(socketOrigin);
        String ws = (u.getScheme().equals("https") ? "wss" : "ws") + socketOrigin.substring(u.getScheme().length());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self' " + socketOrigin + " " + ws + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    private Optional<Asset> load(String file) {
        byte[] plain = read(root + file);
        if (plain == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(plain, read(root + file + ".gz"), read(root + file + ".br")));
    }

    private static byte[] read(String resource) {
        try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
