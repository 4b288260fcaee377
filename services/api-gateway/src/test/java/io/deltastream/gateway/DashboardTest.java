package io.deltastream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.testkit.TestServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard as browsers get it: caching, precompression, the SPA fallback, the socket URL and the page's CSP. */
class DashboardTest {
    static final String JS = "// fixture of a hashed bundle\nexport const answer = 42;\n";

    static TestServices services;
    static String base;
    static String unbuiltBase;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A service that serves only a dashboard from {@code root}, as the gateway does. */
    record DashboardOnly(String root, Optional<URI> socketUrl) implements Service {
        @Override
        public String name() {
            return "dashboard-test";
        }

        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void install(ServiceContext ctx) {
            new Dashboard(root, socketUrl, 28002).register(ctx.routes());
        }
    }

    @BeforeAll
    static void start() {
        services = new TestServices();
        RunningService built = services.start(new DashboardOnly("/dashboard-fixture/", Optional.empty()));
        base = built.baseUrl();
        RunningService unbuilt = services.start(new DashboardOnly("/no-such-bundle/", Optional.empty()));
        unbuiltBase = unbuilt.baseUrl();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void indexIsNotCachedCarriesTheSocketUrlAndALockedDownPolicy() throws Exception {
        HttpResponse<byte[]> r = get(base + "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(text(r)).contains("<meta name=\"deltastream-socket-url\" content=\"http://localhost:28002\">")
                .contains("/assets/app-3f9a1c.js");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "script-src 'self'",
                "connect-src 'self' http://localhost:28002 ws://localhost:28002");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theSocketOriginFollowsTheHostThePageWasLoadedFrom() throws Exception {
        String port = base.substring(base.lastIndexOf(':') + 1);
        HttpResponse<byte[]> r = get("http://127.0.0.1:" + port + "/chain");
        assertThat(text(r)).contains("content=\"http://127.0.0.1:28002\"");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("http://127.0.0.1:28002 ws://127.0.0.1:28002");
    }

    @Test
    void aConfiguredPublicSocketUrlIsUsedAsAnOriginWithItsSecureWebSocketScheme() {
        assertThat(Dashboard.contentSecurityPolicy("https://stream.example.com"))
                .contains("connect-src 'self' https://stream.example.com wss://stream.example.com;");
    }

    @Test
    void hashedAssetsAreImmutableAndPrecompressedWhenAccepted() throws Exception {
        HttpResponse<byte[]> br = get(base + "/assets/app-3f9a1c.js", "Accept-Encoding", "gzip, deflate, br");
        assertThat(br.statusCode()).isEqualTo(200);
        assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
        assertThat(br.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(br.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(br.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

        HttpResponse<byte[]> gz = get(base + "/assets/app-3f9a1c.js", "Accept-Encoding", "gzip;q=1, br;q=0");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(JS);
        }

        HttpResponse<byte[]> plain = get(base + "/assets/app-3f9a1c.js");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(text(plain)).isEqualTo(JS);

        HttpResponse<byte[]> css = get(base + "/assets/style-77aa00.css", "Accept-Encoding", "gzip, br");
        assertThat(css.headers().firstValue("Content-Encoding")).as("no compressed twin").isEmpty();
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void screenPathsFallBackToTheIndexButApiPathsAndMissingFilesStayJson404() throws Exception {
        for (String path : new String[] {"/chain", "/analytics", "/some/deep/screen"}) {
            HttpResponse<byte[]> r = get(base + path + "?product=NIFTY");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(text(r)).as(path).contains("<div id=\"app\">");
        }
        for (String path : new String[] {"/api/nothing", "/assets/missing-123.js", "/favicon.ico",
            "/assets/..%2Fpom.xml", "/assets/app-3f9a1c.exe"}) {
            HttpResponse<byte[]> r = get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(text(r)).as(path).startsWith("{\"error\":");
        }
    }

    @Test
    void healthAndMetricsAreNotHiddenByTheFallback() throws Exception {
        assertThat(text(get(base + "/health"))).contains("\"status\"");
        assertThat(text(get(base + "/metrics"))).contains("jvm_memory_used_bytes");
    }

    @Test
    void withoutABundleTheRootSaysHowToBuildIt() throws Exception {
        HttpResponse<byte[]> r = get(unbuiltBase + "/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(text(r)).contains("install Node.js 20 or newer");
    }

    @Test
    void acceptEncodingHonoursQualityZero() {
        assertThat(Dashboard.accepts("gzip, br", "br")).isTrue();
        assertThat(Dashboard.accepts("gzip;q=0.5, br;q=0", "br")).isFalse();
        assertThat(Dashboard.accepts("gzip;q=0.5, br;q=0", "gzip")).isTrue();
        assertThat(Dashboard.accepts("deflate", "gzip")).isFalse();
        assertThat(Dashboard.accepts("", "gzip")).isFalse();
        assertThat(Dashboard.accepts("BR", "br")).isTrue();
    }
}
