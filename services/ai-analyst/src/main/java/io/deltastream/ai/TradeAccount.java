package io.deltastream.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's own account at the trade simulator ({@code TRADE_SERVICE_URL}), read over HTTP with the caller's
 * {@code Authorization} header, so the simulator decides whose positions, orders and P&amp;L come back: the analyst
 * never names a user itself and cannot read another's. The internal credential ({@code X-Internal-Token} from
 * {@code INTERNAL_TOKEN}, which a distributed deployment requires on every call between services) goes with each
 * request when it is set.
 */
final class TradeAccount {
    /** How long one read may take; the model's tool round waits for it. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String INTERNAL_HEADER = "X-Internal-Token";

    private final URI base;
    private final Optional<String> internalToken;
    private final HttpClient http;

    /**
     * @param base          the trade simulator's root, e.g. {@code http://localhost:8007}
     * @param internalToken the internal credential, when the deployment has one
     */
    TradeAccount(URI base, Optional<String> internalToken, HttpClient http) {
        this.base = base;
        this.internalToken = internalToken;
        this.http = http;
    }

    /**
     * The simulator's JSON answer to {@code GET pathAndQuery} for the bearer of {@code authorization}; an
     * {@code {"error"}} object when it is unreachable or refuses (its own error message and status).
     */
    String read(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json").GET();
        internalToken.ifPresent(token -> request.header(INTERNAL_HEADER, token));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Json.string(Map.of("error", "the trade simulator is unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.string(Map.of("error", "the trade simulator was not asked: interrupted"));
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        return Json.string(Map.of("error", "the trade simulator answered HTTP " + response.statusCode() + ": "
                + reason(response.body())));
    }

    private static String reason(String body) {
        try {
            JsonNode error = Json.mapper().readTree(body).path("error");
            return error.isTextual() ? error.asText() : "no reason given";
        } catch (IOException e) {
            return "no reason given";
        }
    }
}
