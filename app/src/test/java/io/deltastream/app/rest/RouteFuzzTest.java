package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.JsonMutations;
import io.deltastream.testkit.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated requests through the real HTTP stack of every service: each JSON body route of the gateway's API
 * document (bodies generated from its schema, then mutated) plus the logging service's ingestion, and each route's
 * path and query parameters. Whatever comes in, the answer is a JSON 4xx or a success: never a 5xx, never a hang
 * (the client gives up after 30 s), never a dropped connection.
 */
class RouteFuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] HOSTILE = {"", " ", "-1", "0", "abc", "1e400", "9999999999999999999", "NaN",
        "-999999999-01-01", "+999999999-12-31T23:59:59Z", "2026-02-30", "2026-11-23T10:05:00", "null", "true",
        "%", "%00", "\u0000", "é", "😀", "../..", "NIFTY", "x".repeat(3000), "5m", "today", "OPEN"};

    private static HostilePlatform platform;
    private static List<HostilePlatform.Route> routes;
    private static JsonNode schemas;

    /** One request: method, path with query, JSON body (null for none), and whether it goes to the logging service. */
    record Probe(String method, String path, String body, boolean logging) {
    }

    @BeforeContainer
    static void start() {
        platform = new HostilePlatform();
        routes = platform.routes();
        schemas = platform.api.get("/api/docs").json().path("components").path("schemas");
    }

    @AfterContainer
    static void stop() {
        platform.close();
    }

    private static HttpJson.Response send(Probe p) {
        HttpJson http = p.logging() ? TestServices.http(platform.logging) : platform.api;
        // the user's token on every route but logout, which would revoke it for the rest of the run
        String token = p.path().startsWith("/api/auth/logout") ? "Bearer none" : platform.bearer()[1];
        String[] headers = p.body() == null ? new String[] {"Authorization", token}
                : new String[] {"Authorization", token, "Content-Type", "application/json"};
        return http.send(p.method(), p.path(), p.body(), headers);
    }

    private static void assertNoServerError(Probe p) {
        HttpJson.Response r = send(p);
        assertThat(r.status()).as(p + " -> " + r.body()).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.json().path("error").isTextual()).as(p + " -> " + r.body()).isTrue();
        }
    }

    @Property(tries = 400)
    void jsonBodiesNeverGiveAServerError(@ForAll("bodies") Probe probe) {
        assertNoServerError(probe);
    }

    @Property(tries = 300)
    void pathAndQueryParametersNeverGiveAServerError(@ForAll("queries") Probe probe) {
        assertNoServerError(probe);
    }

    @Provide
    Arbitrary<Probe> bodies() {
        List<HostilePlatform.Route> withBodies = routes.stream()
                .filter(r -> List.of("POST", "PUT", "PATCH").contains(r.method())).toList();
        assertThat(withBodies).extracting(HostilePlatform.Route::template).contains("/api/auth/login",
                "/api/analytics/strategy", "/api/trade/order");
        return Arbitraries.randomValue(random -> {
            int pick = random.nextInt(withBodies.size() + 1);
            if (pick == withBodies.size()) {
                String entry = "{\"service\":\"fuzz\",\"level\":\"INFO\",\"message\":\"m\"}";
                return new Probe("POST", "/logs", body(entry, random), true);
            }
            HostilePlatform.Route route = withBodies.get(pick);
            JsonNode schema = route.requestSchema() == null ? NODES.objectNode() : schemas.path(route.requestSchema());
            return new Probe(route.method(), route.samplePath(), body(sample("", schema, random, 4).toString(),
                    random), false);
        });
    }

    @Provide
    Arbitrary<Probe> queries() {
        List<HostilePlatform.Route> withoutBodies = routes.stream()
                .filter(r -> List.of("GET", "DELETE").contains(r.method())).toList();
        return Arbitraries.randomValue(random -> {
            HostilePlatform.Route route = withoutBodies.get(random.nextInt(withoutBodies.size()));
            String path = route.samplePath();
            List<String> query = new ArrayList<>();
            for (JsonNode p : route.parameters()) {
                String name = p.path("name").asText();
                String value = hostile(random);
                if (p.path("in").asText().equals("path") && random.nextInt(3) == 0) {
                    path = route.template().replace("{" + name + "}", encode(value).replace("+", "%20"));
                    path = path.replaceAll("\\{[^}]+}", "NIFTY");
                } else if (p.path("in").asText().equals("query") && random.nextInt(3) > 0) {
                    query.add(encode(name) + "=" + encode(value));
                }
            }
            if (random.nextInt(5) == 0) {
                query.add(encode(hostile(random)) + "=" + encode(hostile(random)));
            }
            return new Probe(route.method(), path + (query.isEmpty() ? "" : "?" + String.join("&", query)), null,
                    false);
        });
    }

    private static String hostile(Random random) {
        return random.nextInt(4) == 0 ? JsonMutations.randomText(random) : HOSTILE[random.nextInt(HOSTILE.length)];
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A body: usually a mutation of {@code valid}, sometimes any JSON value or text at all. */
    private static String body(String valid, Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> JsonMutations.randomText(random);
            case 1 -> JsonMutations.randomValue(random, 3).toString();
            case 2, 3 -> valid;
            default -> JsonMutations.mutate(valid, random);
        };
    }

    /**
     * A value that the schema of field {@code name} allows (mostly), with its enums, required fields and array
     * bounds, and numbers in the range the field's name suggests.
     */
    private static JsonNode sample(String name, JsonNode schema, Random random, int depth) {
        JsonNode s = schema.has("$ref") ? schemas.path(last(schema.get("$ref").asText())) : schema;
        if (s.has("oneOf") || s.has("anyOf")) {
            JsonNode options = s.has("oneOf") ? s.get("oneOf") : s.get("anyOf");
            return sample(name, options.get(random.nextInt(options.size())), random, depth);
        }
        if (s.has("enum")) {
            return s.get("enum").get(random.nextInt(s.get("enum").size()));
        }
        String type = s.path("type").asText("object");
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                List<String> required = new ArrayList<>();
                s.path("required").forEach(n -> required.add(n.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (depth > 0 && (required.contains(f.getKey()) || random.nextBoolean())) {
                        o.set(f.getKey(), sample(f.getKey(), f.getValue(), random, depth - 1));
                    }
                }
                yield o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                int n = Math.max(s.path("minItems").asInt(0), random.nextInt(4));
                for (int i = 0; i < n && depth > 0; i++) {
                    a.add(sample(name, s.path("items"), random, depth - 1));
                }
                yield a;
            }
            case "integer" -> NODES.numberNode(new long[] {75, 150, 1, 0, -75}[random.nextInt(5)]);
            case "number" -> NODES.numberNode(number(name, random));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(string(s, random));
        };
    }

    private static double number(String name, Random random) {
        double typical = switch (name) {
            case "volatility" -> 0.2;
            case "rate", "dividend_yield" -> 0.05;
            case "years" -> 0.5;
            case "days" -> 30;
            case "quantity", "multiplier" -> 1;
            default -> 100;
        };
        return random.nextInt(4) == 0 ? new double[] {0, -1, 1e-9, 21500, 1e12}[random.nextInt(5)] : typical;
    }

    private static String string(JsonNode s, Random random) {
        return switch (s.path("format").asText()) {
            case "date" -> HostilePlatform.NEAR.toString();
            case "date-time" -> "2026-11-23T10:05:00Z";
            case "email" -> "fuzz" + random.nextInt(1000) + "@example.com";
            default -> new String[] {"NIFTY", "test123abc", "NIFTY" + HostilePlatform.NEAR.toString().replace("-", "")
                    + "P21400", "what is max pain?"}[random.nextInt(4)];
        };
    }

    private static String last(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
