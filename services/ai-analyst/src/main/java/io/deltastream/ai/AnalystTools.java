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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools the language model may call: the latest chain metrics of a product and expiry (what the pulse reads:
 * PCR, max pain, ATM strike, straddle, IV, support and resistance), the volatility smile of that chain (IV by
 * strike), a Black-Scholes-Merton calculator (price and Greeks), the stored PCR history and the volatility surface
 * (from analytics) and candles (from storage), and, for a signed-in caller only, their own positions,
 * orders and P&amp;L ({@link ServiceReads}). Every result is JSON; a bad call — unknown tool,
 * arguments that are not a JSON object, a product with no live chain, an invalid input — is an {@code error} result
 * the model can read, never an exception.
 */
final class AnalystTools {
    static final String CHAIN_METRICS = "chain_metrics";
    static final String SMILE = "volatility_smile";
    static final String OPTION_PRICE = "option_price";
    static final String MY_POSITIONS = "my_positions";
    static final String MY_ORDERS = "my_orders";
    static final String MY_PNL = "my_pnl";
    static final String PCR_HISTORY = "pcr_history";
    static final String CANDLES = "candles";
    static final String SURFACE = "volatility_surface";
    private static final Pattern PRODUCT = Pattern.compile("[A-Z0-9_-]{1,32}");

    private final LiveMarketFacts live;
    private final ServiceReads trade;
    private final ServiceReads analytics;
    private final ServiceReads storage;

    /**
     * @param trade     the trade simulator: the caller's own account
     * @param analytics the analytics service: PCR history and the volatility surface
     * @param storage   the storage service: candles
     */
    AnalystTools(LiveMarketFacts live, ServiceReads trade, ServiceReads analytics, ServiceReads storage) {
        this.live = live;
        this.trade = trade;
        this.analytics = analytics;
        this.storage = storage;
    }

    /**
     * The tools for one question. With {@code authorization} (the caller's verified {@code Authorization} header), also
     * the caller's own positions, orders and P&amp;L, read from the trade simulator as that caller; without it, those
     * tools are not offered at all.
     */
    Tools tools(Optional<String> authorization) {
        JsonObjectSchema chain = productSchema()
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
        JsonObjectSchema history = productSchema()
                .addStringProperty("expiry", "YYYY-MM-DD; omitted: every expiry")
                .addIntegerProperty("limit", "at most this many stored chains, newest first, 1 to 100 (default 20)")
                .required("product").build();
        JsonObjectSchema candles = productSchema()
                .addIntegerProperty("window_minutes", "candle length in minutes: 1, 5 or 15 (default 5)")
                .addIntegerProperty("limit", "at most this many candles, newest first, 1 to 100 (default 20)")
                .required("product").build();
        JsonObjectSchema product = productSchema()
                .required("product").build();
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
                        .parameters(price).build(),
                ToolSpecification.builder().name(PCR_HISTORY).description("Stored put-call ratios (by OI and by "
                        + "volume) of a product's chains over time, newest first, with each chain's expiry and time.")
                        .parameters(history).build(),
                ToolSpecification.builder().name(CANDLES).description("OHLC candles of a product's underlying "
                        + "price, newest first (completed buckets and the current one).").parameters(candles)
                        .build(),
                ToolSpecification.builder().name(SURFACE).description("The implied-volatility surface of a "
                        + "product across all its live expiries: strikes, IVs and time to expiry of each slice.")
                        .parameters(product).build());
        if (authorization.isEmpty()) {
            return new Tools(specs, (name, arguments) -> execute(name, arguments, Optional.empty()));
        }
        List<ToolSpecification> all = new ArrayList<>(specs);
        all.add(ToolSpecification.builder().name(MY_POSITIONS).description("The asking user's own open positions in "
                + "the paper-trading account: symbol, quantity, average price, mark, unrealised P&L.")
                .parameters(JsonObjectSchema.builder().build()).build());
        all.add(ToolSpecification.builder().name(MY_ORDERS).description("The asking user's own orders, newest "
                + "first.").parameters(JsonObjectSchema.builder()
                        .addStringProperty("status", "only orders in this status, e.g. OPEN, FILLED, CANCELLED")
                        .addIntegerProperty("limit", "at most this many orders, 1 to 100 (default 20)").build())
                .build());
        all.add(ToolSpecification.builder().name(MY_PNL).description("The asking user's own realised and unrealised "
                + "P&L over a period.").parameters(JsonObjectSchema.builder()
                        .addEnumProperty("period", List.of("today", "week", "month", "year", "all"),
                                "the period (default all)").build())
                .build());
        return new Tools(all, (name, arguments) -> execute(name, arguments, authorization));
    }

    /** A tool's arguments, starting with the product. */
    private static JsonObjectSchema.Builder productSchema() {
        return JsonObjectSchema.builder().addStringProperty("product",
                "a listed product, e.g. NIFTY, BANKNIFTY, AAPL, SPY");
    }

    /** The result of one call, as JSON; the caller's own account tools only with {@code authorization}. */
    String execute(String name, String arguments, Optional<String> authorization) {
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
                case PCR_HISTORY -> analytics.read("/pcr/" + product(args) + "?history=true&limit="
                        + limit(args) + expiry(args).map(e -> "&expiry=" + e).orElse(""), Optional.empty());
                case CANDLES -> storage.read("/candles/" + product(args) + "?window="
                        + args.path("window_minutes").asInt(5) + "&limit=" + limit(args), Optional.empty());
                case SURFACE -> analytics.read("/volatility-surface/" + product(args), Optional.empty());
                case MY_POSITIONS, MY_ORDERS, MY_PNL -> authorization
                        .map(auth -> trade.read(accountPath(name, args), Optional.of(auth)))
                        .orElseGet(() -> error("sign in to read your own positions, orders and profit and loss"));
                default -> error("unknown tool '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    /** The trade simulator's route for an account tool; its own validation answers bad values. */
    private static String accountPath(String name, JsonNode args) {
        return switch (name) {
            case MY_POSITIONS -> "/api/trade/positions";
            case MY_ORDERS -> {
                String status = args.path("status").asText("").strip();
                yield "/api/trade/orders?limit=" + limit(args) + (status.isEmpty() ? ""
                        : "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
            }
            default -> "/api/trade/pnl?period=" + URLEncoder.encode(args.path("period").asText("all").strip(),
                    StandardCharsets.UTF_8);
        };
    }

    /** {@code limit}, 1 to 100, default 20. */
    private static int limit(JsonNode args) {
        int limit = args.path("limit").asInt(20);
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1 to 100");
        }
        return limit;
    }

    /** The required {@code product}, upper-cased; the service answers whether it is listed. */
    private static String product(JsonNode args) {
        String product = args.path("product").asText("").strip().toUpperCase(Locale.ROOT);
        if (product.isEmpty()) {
            throw new IllegalArgumentException("product is required");
        }
        if (!PRODUCT.matcher(product).matches()) {
            throw new IllegalArgumentException("Unknown product '" + product + "'");
        }
        return product;
    }

    /** The optional {@code expiry}, a date. */
    private static Optional<LocalDate> expiry(JsonNode args) {
        String expiry = args.path("expiry").asText("").strip();
        if (expiry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(expiry));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry must be YYYY-MM-DD, got '" + expiry + "'");
        }
    }

    private Optional<EnrichedChain> chain(JsonNode args) {
        String product = product(args);
        return expiry(args).map(e -> live.chain(product, e)).orElseGet(() -> live.nearest(product));
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
