package io.deltastream.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.deltastream.ai.model.Tools;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the language model may call: the latest chain metrics of a product and expiry (what the pulse reads:
 * PCR, max pain, ATM strike, straddle, IV, support and resistance), the volatility smile of that chain (IV by
 * strike), and a Black-Scholes-Merton calculator (price and Greeks). Every result is JSON; a bad call — unknown tool,
 * arguments that are not a JSON object, a product with no live chain, an invalid input — is an {@code error} result
 * the model can read, never an exception.
 */
final class AnalystTools {
    static final String CHAIN_METRICS = "chain_metrics";
    static final String SMILE = "volatility_smile";
    static final String OPTION_PRICE = "option_price";

    private final LiveMarketFacts live;

    AnalystTools(LiveMarketFacts live) {
        this.live = live;
    }

    Tools tools() {
        JsonObjectSchema chain = JsonObjectSchema.builder()
                .addStringProperty("product", "a listed product, e.g. NIFTY, BANKNIFTY, AAPL, SPY")
                .addStringProperty("expiry", "YYYY-MM-DD; omitted: the nearest expiry with a live chain")
                .required("product").build();
        JsonObjectSchema price = JsonObjectSchema.builder()
                .addStringProperty("type", "call or put")
                .addNumberProperty("spot", "underlying price")
                .addNumberProperty("strike", "strike price")
                .addNumberProperty("days_to_expiry", "calendar days to expiry")
                .addNumberProperty("volatility", "annualised implied volatility as a fraction, e.g. 0.15")
                .addNumberProperty("rate", "annual risk-free rate as a fraction (default 0)")
                .addNumberProperty("dividend_yield", "annual dividend yield as a fraction (default 0)")
                .required("type", "spot", "strike", "days_to_expiry", "volatility").build();
        List<ToolSpecification> specs = List.of(
                ToolSpecification.builder().name(CHAIN_METRICS).description("Latest option-chain metrics of a "
                        + "product and expiry: spot, PCR by OI and volume, max pain, ATM strike, straddle and IV, "
                        + "support and resistance from open interest, with the chain's time.").parameters(chain)
                        .build(),
                ToolSpecification.builder().name(SMILE).description("The volatility smile of a product's live "
                        + "chain: implied volatility of the call and the put at each strike.").parameters(chain)
                        .build(),
                ToolSpecification.builder().name(OPTION_PRICE).description("Black-Scholes-Merton price and Greeks "
                        + "(delta, gamma, vega per 1% vol, theta per day, rho per 1% rate) of a European option.")
                        .parameters(price).build());
        return new Tools(specs, this::execute);
    }

    /** The result of one call, as JSON. */
    String execute(String name, String arguments) {
        JsonNode args;
        try {
            args = Json.mapper().readTree(arguments.isBlank() ? "{}" : arguments);
        } catch (Exception e) {
            return error("arguments must be a JSON object");
        }
        if (!args.isObject()) {
            return error("arguments must be a JSON object");
        }
        try {
            return switch (name) {
                case CHAIN_METRICS -> chain(args).map(c -> {
                    Map<String, Object> out = new LinkedHashMap<>(MarketPulse.of(c).data());
                    out.put("product", c.product());
                    out.put("as_of", c.timestamp().toString());
                    return Json.string(out);
                }).orElseGet(() -> noChain(args));
                case SMILE -> chain(args).map(AnalystTools::smile).orElseGet(() -> noChain(args));
                case OPTION_PRICE -> price(args);
                default -> error("unknown tool '" + name + "'; the tools are " + CHAIN_METRICS + ", " + SMILE
                        + ", " + OPTION_PRICE);
            };
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    private Optional<EnrichedChain> chain(JsonNode args) {
        String product = args.path("product").asText("").strip().toUpperCase(Locale.ROOT);
        if (product.isEmpty()) {
            throw new IllegalArgumentException("product is required");
        }
        String expiry = args.path("expiry").asText("").strip();
        if (expiry.isEmpty()) {
            return live.nearest(product);
        }
        try {
            return live.chain(product, LocalDate.parse(expiry));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry must be YYYY-MM-DD, got '" + expiry + "'");
        }
    }

    private static String smile(EnrichedChain c) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < c.strikes().length; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("strike", c.strikes()[i]);
            p.put("call_iv", finite(c.calls().get(i).quote().iv()));
            p.put("put_iv", finite(c.puts().get(i).quote().iv()));
            points.add(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("product", c.product());
        out.put("expiry", c.expiry().toString());
        out.put("as_of", c.timestamp().toString());
        out.put("points", points);
        return Json.string(out);
    }

    private static String price(JsonNode a) {
        String type = a.path("type").asText("").toLowerCase(Locale.ROOT);
        if (!type.equals("call") && !type.equals("put")) {
            throw new IllegalArgumentException("type must be call or put");
        }
        double days = number(a, "days_to_expiry");
        try {
            Greeks g = BlackScholesMerton.greeks(type.equals("call") ? OptionType.CALL : OptionType.PUT,
                    number(a, "spot"), number(a, "strike"), days / 365.0, a.path("rate").asDouble(0),
                    a.path("dividend_yield").asDouble(0), number(a, "volatility"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("price", g.price());
            out.put("delta", g.delta());
            out.put("gamma", g.gamma());
            out.put("vega", g.vega());
            out.put("theta", g.theta());
            out.put("rho", g.rho());
            return Json.string(out);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static double number(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asDouble();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String noChain(JsonNode args) {
        return error("no live chain for " + args.path("product").asText() + (args.hasNonNull("expiry")
                ? " expiring " + args.path("expiry").asText() : ""));
    }

    private static String error(String message) {
        return Json.string(Map.of("error", message));
    }
}
