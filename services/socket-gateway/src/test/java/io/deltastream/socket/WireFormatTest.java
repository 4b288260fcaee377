package io.deltastream.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raw Engine.IO long-polling exchange, as a Socket.IO v2 client (Engine.IO 3) and a v4 client (Engine.IO 4) see
 * it on the wire: payload keys keep the reference's order, which a JSON-object client library would hide.
 */
class WireFormatTest {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static TestServices platform;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        platform = new TestServices();
        RunningService gateway = platform.start(new SocketGatewayService());
        base = gateway.baseUrl() + "/socket.io/";
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private String get(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private void post(String query, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "?" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/plain;charset=UTF-8")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static String sid(String handshake) {
        Matcher m = SID.matcher(handshake);
        assertThat(m.find()).as(handshake).isTrue();
        return m.group(1);
    }

    /** Polls until everything received so far in this session ({@code transcript}) contains {@code expected}. */
    private String pollUntil(String query, StringBuilder transcript, String expected) {
        return Eventually.value("a poll containing " + expected, () -> {
            if (transcript.indexOf(expected) < 0) {
                try {
                    transcript.append(get(query));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return transcript.indexOf(expected) >= 0 ? transcript.toString() : null;
        });
    }

    @Test
    void aSocketIoV2ClientConnectsAndIsAnswered() throws Exception {
        String open = get("EIO=3&transport=polling&b64=1");
        String sid = sid(open);
        String q = "EIO=3&transport=polling&b64=1&sid=" + sid;
        StringBuilder transcript = new StringBuilder();
        pollUntil(q, transcript, "42[\"connected\",{\"message\":\"Connected to DeltaStream socket gateway\",\"client_id\":\""
                + sid + "\",\"rooms\":[\"general\"]}]");
        String packet = "42[\"subscribe\",{\"type\":\"chain\",\"symbol\":\"NIFTY\"}]";
        post(q, packet.length() + ":" + packet);
        pollUntil(q, transcript, "42[\"subscribed\",{\"room\":\"chain:NIFTY\",\"message\":\"Subscribed to chain:NIFTY\"}]");
    }

    @Test
    void aSocketIoV4ClientGetsConnectedAfterItsNamespaceConnect() throws Exception {
        String open = get("EIO=4&transport=polling");
        assertThat(open).startsWith("0{");
        String sid = sid(open);
        String q = "EIO=4&transport=polling&sid=" + sid;
        post(q, "40");
        StringBuilder transcript = new StringBuilder();
        String polled = pollUntil(q, transcript, "42[\"connected\",");
        assertThat(polled.indexOf("40{\"sid\"")).as(polled).isGreaterThanOrEqualTo(0)
                .isLessThan(polled.indexOf("42[\"connected\""));
        post(q, "42[\"subscribe\",{\"type\":\"product\",\"symbol\":\"bogus\"}]\u001e42[\"get_products\"]");
        pollUntil(q, transcript, "42[\"error\",{\"message\":\"Invalid subscription request\",\"reason\":\"unknown symbol 'bogus'\"}]");
        pollUntil(q, transcript, "42[\"products\",{\"products\":[");
    }
}
