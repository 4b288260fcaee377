package io.deltastream.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Engine.IO requests that name no live session get the protocol's error at once (not a held connection or an empty
 * 500), and the Socket.IO answers follow the CORS settings instead of echoing any origin with credentials.
 */
class EngineIoHardeningTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String UNKNOWN = "{\"code\":1,\"message\":\"Session ID unknown\"}";

    private static TestServices platform;
    private static String anyOrigin;
    private static String listedOrigin;

    @BeforeAll
    static void start() {
        platform = new TestServices().env("JWT_SECRET", "test-secret-of-at-least-thirty-two-characters");
        anyOrigin = platform.start(new SocketGatewayService()).baseUrl();
        platform.env("SOCKET_CORS_ORIGINS", "http://localhost:8000");
        RunningService listed = platform.start(new SocketGatewayService());
        listedOrigin = listed.baseUrl();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    /** The request, answered within 20 s (a held connection fails the test with a timeout). */
    private static HttpResponse<String> send(String base, String method, String pathAndQuery, String body,
                                             String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String handshake(String base) throws Exception {
        HttpResponse<String> open = send(base, "GET", "/socket.io/?EIO=4&transport=polling", null);
        assertThat(open.statusCode()).isEqualTo(200);
        return Json.tree(open.body().substring(1)).get("sid").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "00000000-0000-0000-0000-000000000000", "%00", "not-a-uuid-at-all-but-long-enough-x"})
    void anUnknownSidIsTheEngineIoErrorAtOnce(String sid) throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> r = send(anyOrigin, method, "/socket.io/?EIO=4&transport=polling&sid=" + sid,
                    method.equals("POST") ? "40" : null, "Content-Type", "text/plain;charset=UTF-8");
            assertThat(r.statusCode()).as(method + " " + sid).isEqualTo(400);
            assertThat(r.body()).isEqualTo(UNKNOWN);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        HttpResponse<String> ws = send(anyOrigin, "GET", "/socket.io/?EIO=4&transport=websocket&sid=" + sid, null);
        assertThat(ws.statusCode()).isEqualTo(400);
        assertThat(ws.body()).isEqualTo(UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"j=abc", "b64=maybe", "j=99999999999999999999"})
    void malformedTransportParametersAreABadRequest(String parameter) throws Exception {
        HttpResponse<String> r = send(anyOrigin, "GET", "/socket.io/?EIO=4&transport=polling&" + parameter, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }

    @Test
    void aLiveSessionIsServedAndForgottenOnceClosed() throws Exception {
        String sid = handshake(anyOrigin);
        HttpResponse<String> connect = send(anyOrigin, "POST", "/socket.io/?EIO=4&transport=polling&sid=" + sid, "40",
                "Content-Type", "text/plain;charset=UTF-8");
        assertThat(connect.statusCode()).isEqualTo(200);
        HttpResponse<String> poll = send(anyOrigin, "GET", "/socket.io/?EIO=4&transport=polling&sid=" + sid, null);
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).startsWith("40{\"sid\":");

        HttpResponse<String> close = send(anyOrigin, "POST", "/socket.io/?EIO=4&transport=polling&sid=" + sid, "41",
                "Content-Type", "text/plain;charset=UTF-8");
        assertThat(close.statusCode()).isEqualTo(200);
        Eventually.until("the closed session is unknown", () -> {
            try {
                // a noop packet: answered at once while the session lives
                return send(anyOrigin, "POST", "/socket.io/?EIO=4&transport=polling&sid=" + sid, "6",
                        "Content-Type", "text/plain;charset=UTF-8").body().equals(UNKNOWN);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void withAnyOriginEveryPageMayPollWithoutCredentials() throws Exception {
        for (String origin : new String[] {"http://localhost:8000", "null", "http://elsewhere.example"}) {
            HttpResponse<String> r = send(anyOrigin, "GET", "/socket.io/?EIO=4&transport=polling", null,
                    "Origin", origin);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(origin).hasValue("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).as(origin).isEmpty();
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        HttpResponse<String> error = send(anyOrigin, "GET", "/socket.io/?EIO=4&transport=polling&sid=x", null,
                "Origin", "http://localhost:8000");
        assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void withAListOnlyListedOriginsAreAnsweredAndNeverAnyOther() throws Exception {
        HttpResponse<String> listed = send(listedOrigin, "GET", "/socket.io/?EIO=4&transport=polling", null,
                "Origin", "http://localhost:8000");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8000");
        assertThat(listed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(listed.headers().firstValue("Vary")).hasValue("Origin");

        HttpResponse<String> stranger = send(listedOrigin, "GET", "/socket.io/?EIO=4&transport=polling", null,
                "Origin", "http://evil.example");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        String sid = handshake(listedOrigin);
        HttpResponse<String> strangerPoll = send(listedOrigin, "POST",
                "/socket.io/?EIO=4&transport=polling&sid=" + sid, "40", "Origin", "http://evil.example",
                "Content-Type", "text/plain;charset=UTF-8");
        assertThat(strangerPoll.statusCode()).isEqualTo(200);
        assertThat(strangerPoll.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(strangerPoll.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
