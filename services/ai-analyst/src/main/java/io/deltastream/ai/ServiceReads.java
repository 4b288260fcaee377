package io.deltastream.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.auth.Credential;
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
 * JSON read from another DeltaStream service over HTTP — the trade simulator ({@code TRADE_SERVICE_URL}), analytics
 * ({@code ANALYTICS_SERVICE_URL}), storage ({@code STORAGE_SERVICE_URL}) — for the model's tools. The analyst calls
 * them as the api-gateway does, never their classes. The internal credential ({@code X-Internal-Token}, the platform's
 * {@code INTERNAL_TOKEN}, which a distributed deployment requires on every call between services) goes with each
 * request when it is set. A caller's {@code Authorization} header is forwarded only where given, so for the trade
 * simulator the simulator itself decides whose account comes back: the analyst never names a user.
 */
final class ServiceReads {
    /** How long one read may take; the model's tool round waits for it. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final URI base;
    private final Optional<String> internalToken;
    private final HttpClient http;

    /**
     * @param name          the service as a user reads it in an error, e.g. "the trade simulator"
     * @param base          the service's root, e.g. {@code http://localhost:8007}
     * @param internalToken the internal credential, when the deployment has one
     */
    ServiceReads(String name, URI base, Optional<String> internalToken, HttpClient http) {
        this.name = name;
        this.base = base;
        this.internalToken = internalToken;
        this.http = http;
    }

    /**
     * The service's JSON answer to {@code GET pathAndQuery}, sent with {@code authorization} when present; an
     * {@code {"error"}} object when it is unreachable or refuses (with its status and its own error message).
     */
    String read(String pathAndQuery, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET();
        authorization.ifPresent(auth -> request.header("Authorization", auth));
        internalToken.ifPresent(token -> request.header(Credential.INTERNAL_HEADER, token));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Json.string(Map.of("error", name + " is unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.string(Map.of("error", name + " was not asked: interrupted"));
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        return Json.string(Map.of("error", name + " answered HTTP " + response.statusCode() + ": "
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
