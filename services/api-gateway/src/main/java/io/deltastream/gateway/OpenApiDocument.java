package io.deltastream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/docs}: an OpenAPI 3.0 document built from the gateway's route table (so every route is in it) and
 * the schemas in {@code openapi-schemas.json}. Every operation lists its parameters, request body, success schema and
 * its error statuses with the common {@code Error} shape; trading routes declare the bearer scheme.
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static ObjectNode build(List<Endpoint> endpoints, boolean marketDataRequiresAuth) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "DeltaStream API");
        info.put("version", "1.0.0");
        info.put("description", "REST API for DeltaStream - real-time option market data, analytics and paper "
                + "trading. Times are ISO-8601 UTC with Z; prices in the product's currency; IV as a fraction "
                + "(0.2285); theta per calendar day; vega per 1 vol point; rho per 1% rate; time to expiry in ACT/365 "
                + "years. Errors are always JSON {\"error\": ...}. Market data is "
                + (marketDataRequiresAuth ? "authenticated" : "public") + " (MARKET_DATA_REQUIRES_AUTH).");
        doc.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ObjectNode paths = doc.putObject("paths");
        Set<String> tags = new LinkedHashSet<>();
        for (Endpoint e : endpoints) {
            tags.add(e.doc().tag());
            ObjectNode path = paths.has(e.path()) ? (ObjectNode) paths.get(e.path()) : paths.putObject(e.path());
            path.set(e.method().text().toLowerCase(Locale.ROOT), operation(e, marketDataRequiresAuth));
        }
        ObjectNode docs = paths.putObject("/api/docs").putObject("get");
        docs.putArray("tags").add("Documentation");
        docs.put("summary", "This OpenAPI document");
        docs.put("operationId", "getApiDocs");
        docs.putObject("responses").putObject("200").put("description", "OpenAPI 3 document")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        ObjectNode ui = paths.putObject("/api/docs/ui").putObject("get");
        ui.putArray("tags").add("Documentation");
        ui.put("summary", "Interactive documentation (Swagger UI)");
        ui.put("operationId", "getApiDocsUi");
        ui.putObject("responses").putObject("200").put("description", "HTML page")
                .putObject("content").putObject("text/html").putObject("schema").put("type", "string");
        tags.add("Documentation");
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas());
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearerAuth");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        return doc;
    }

    private static ObjectNode operation(Endpoint e, boolean marketDataRequiresAuth) {
        Endpoint.Doc d = e.doc();
        ObjectNode op = Json.object();
        op.putArray("tags").add(d.tag());
        op.put("summary", d.summary());
        op.put("description", d.description());
        op.put("operationId", operationId(e));
        ArrayNode params = op.putArray("parameters");
        for (Endpoint.Param p : d.params()) {
            ObjectNode n = params.addObject();
            n.put("name", p.name());
            n.put("in", p.in());
            n.put("required", p.required());
            n.put("description", p.description());
            ObjectNode schema = n.putObject("schema");
            schema.put("type", p.type());
            if (p.format() != null) {
                schema.put("format", p.format());
            }
        }
        if (d.requestSchema() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", !d.requestSchema().equals("LogoutRequest"));
            body.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + d.requestSchema());
        }
        boolean secured = e.access() == Access.AUTHENTICATED || e.access() == Access.MARKET_DATA
                && marketDataRequiresAuth;
        if (secured || e.path().equals("/api/auth/verify")) {
            op.putArray("security").addObject().putArray("bearerAuth");
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject(Integer.toString(d.successStatus())).put("description", "Success")
                .putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + d.responseSchema());
        Set<Integer> errors = new LinkedHashSet<>(d.errors());
        if (secured) {
            errors.add(401);
        }
        errors.add(405);
        errors.add(429);
        for (int status : errors.stream().sorted().toList()) {
            responses.putObject(Integer.toString(status)).put("description", describe(status))
                    .putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/Error");
        }
        return op;
    }

    private static String operationId(Endpoint e) {
        StringBuilder sb = new StringBuilder(e.method().text().toLowerCase(Locale.ROOT));
        for (String part : e.path().split("[/{}-]")) {
            if (!part.isEmpty() && !part.equals("api")) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).replace("_", ""));
            }
        }
        return sb.toString();
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "Bad input (the message names the field and the allowed range)";
            case 401 -> "Missing, invalid, expired or revoked access token";
            case 404 -> "Unknown product, or no data";
            case 405 -> "Method not allowed (Allow header lists the allowed ones)";
            case 409 -> "Conflict (user already exists)";
            case 413 -> "Body or batch too large";
            case 415 -> "Content-Type must be application/json";
            case 429 -> "Rate limited; retry after Retry-After seconds";
            case 502 -> "The downstream service answered something other than JSON";
            case 503 -> "A downstream service or dependency is unavailable (the body names it)";
            case 504 -> "The downstream service did not answer in time";
            default -> "Error";
        };
    }

    private static ObjectNode schemas() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi-schemas.json")) {
            if (in == null) {
                throw new IllegalStateException("missing openapi-schemas.json");
            }
            JsonNode n = Json.tree(in.readAllBytes());
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
