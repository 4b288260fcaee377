package io.deltastream.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.JsonBody;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionInputs;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.pricing.PricingModel;
import io.deltastream.quant.strategy.Leg;
import io.deltastream.quant.strategy.OptionLeg;
import io.deltastream.quant.strategy.Strategy;
import io.deltastream.quant.strategy.StrategyMarket;
import io.deltastream.quant.strategy.StrategyRisk;
import io.deltastream.quant.strategy.UnderlyingLeg;
import io.deltastream.quant.volatility.AmericanImpliedVolSolver;
import io.deltastream.quant.volatility.ImpliedVol;
import io.deltastream.quant.volatility.ImpliedVolSolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Option calculators over the quant engine: {@code POST /greeks}, {@code POST /implied-vol}, {@code POST /strategy}.
 * The first two take one option, or {@code {"options": [...]}} with at most {@code maxBatch} elements (413 beyond).
 * A batch is answered per item: one result per option, each the values or {@code {"error", "field"}} for that option
 * alone, so one bad quote in a chain does not cost the other answers; only a malformed batch as a whole (no array,
 * empty, too long) is a 400/413.
 * Units: volatility and rates as fractions, {@code years} ACT/365 (or {@code days} / 365), theta per calendar day,
 * vega per 1 vol point, rho per 1% rate.
 */
final class CalculatorRoutes {
    static final int MAX_LEGS = 20;
    static final int PAYOFF_POINTS = 41;
    private static final Set<String> OPTION_FIELDS = Set.of("type", "option_type", "model", "spot", "strike",
            "years", "days", "rate", "dividend_yield", "volatility", "price", "tick");
    /** The field an error message of {@link JsonBody} or of this class names: {@code Field 'x' ...}. */
    private static final Pattern NAMED_FIELD = Pattern.compile("[Ff]ield '([^']*)'");

    private final int maxBatch;

    CalculatorRoutes(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    void register(Routes routes) {
        routes.post("/greeks", req -> batch(req, this::greeks))
                .post("/implied-vol", req -> batch(req, this::impliedVol))
                .post("/strategy", this::strategy);
    }

    private Object batch(ApiRequest req, Function<JsonBody, ObjectNode> one) {
        JsonBody body = req.jsonBody();
        if (!body.has("options")) {
            return quant(() -> one.apply(body.allowOnly(OPTION_FIELDS)));
        }
        body.allowOnly(Set.of("options"));
        JsonNode options = body.node().get("options");
        if (!options.isArray()) {
            throw ApiException.badRequest("Field 'options' must be an array");
        }
        if (options.size() > maxBatch) {
            throw ApiException.payloadTooLarge("Field 'options' has " + options.size() + " elements; at most "
                    + maxBatch + " are allowed per request");
        }
        if (options.isEmpty()) {
            throw ApiException.badRequest("Field 'options' must have at least 1 element(s)");
        }
        ObjectNode out = Json.object();
        out.put("count", options.size());
        ArrayNode results = out.putArray("results");
        int errors = 0;
        for (JsonNode element : options) {
            ObjectNode result = item(element, one);
            errors += result.has("error") ? 1 : 0;
            results.add(result);
        }
        out.put("errors", errors);
        return out;
    }

    /** One batch element's answer: its values, or {@code {"error", "field"}} (field null when the item is no object). */
    private static ObjectNode item(JsonNode element, Function<JsonBody, ObjectNode> one) {
        ObjectNode error = Json.object();
        if (!element.isObject()) {
            error.put("error", "Option must be a JSON object");
            error.putNull("field");
            return error;
        }
        try {
            return quant(() -> one.apply(JsonBody.of(element).allowOnly(OPTION_FIELDS)));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            Matcher named = NAMED_FIELD.matcher(e.getMessage());
            error.put("error", e.getMessage());
            if (named.find()) {
                error.put("field", named.group(1));
            } else {
                error.putNull("field");
            }
            return error;
        }
    }

    /** {@code {"price", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga", "charm"}}. */
    private ObjectNode greeks(JsonBody o) {
        OptionInputs in = inputs(o, o.requiredNumber("volatility", 1e-6, 20));
        Greeks g = in.greeks();
        ObjectNode n = Json.object();
        n.put("price", g.price());
        n.put("delta", g.delta());
        n.put("gamma", g.gamma());
        n.put("vega", g.vega());
        n.put("theta", g.theta());
        n.put("rho", g.rho());
        n.put("vanna", g.vanna());
        n.put("volga", g.volga());
        n.put("charm", g.charm());
        return n;
    }

    /** {@code {"implied_volatility" (null unless status OK), "status", "iterations"}}. */
    private ObjectNode impliedVol(JsonBody o) {
        PricingModel model = model(o);
        OptionType type = type(o);
        double price = o.requiredNumber("price", 0, 1e12);
        double spot = o.requiredNumber("spot", 1e-9, 1e12);
        double strike = o.requiredNumber("strike", 1e-9, 1e12);
        double years = years(o);
        if (years <= 0) {
            throw ApiException.badRequest("Field '" + o.name("years") + "' must be greater than 0 for implied volatility");
        }
        double rate = o.optionalNumber("rate", -1, 1).orElse(0.0);
        double q = o.optionalNumber("dividend_yield", -1, 1).orElse(0.0);
        ImpliedVol iv = switch (model) {
            case BLACK_SCHOLES_MERTON -> ImpliedVolSolver.bsm(type, price, spot, strike, years, rate, q);
            case BLACK_76 -> ImpliedVolSolver.black76(type, price, spot, strike, years, rate);
            case BJERKSUND_STENSLAND_2002, ANDERSEN_LAKE_OFFENGELDEN -> AmericanImpliedVolSolver.solve(model, type,
                    price, spot, strike, years, rate, q,
                    o.optionalNumber("tick", 0, 1e6).orElse(AmericanImpliedVolSolver.TICK));
        };
        ObjectNode n = Json.object();
        if (iv.isOk()) {
            n.put("implied_volatility", iv.volatility());
        } else {
            n.putNull("implied_volatility");
        }
        n.put("status", iv.status().name());
        n.put("iterations", iv.iterations());
        return n;
    }

    /**
     * Body {@code {"spot", "rate"?, "dividend_yield"?, "volatility", "multiplier"?, "legs": [{"type": CALL|PUT|
     * UNDERLYING, "strike", "years"|"days", "quantity" (signed), "entry_price", "volatility"?}]}}. Answers P&L at the
     * earliest expiry on a grid of ±30% around spot, breakevens, max profit/loss (null when unbounded), position
     * Greeks and the risk-neutral probability of profit.
     */
    private Object strategy(ApiRequest req) {
        JsonBody body = req.jsonBody().allowOnly(Set.of("spot", "rate", "dividend_yield", "volatility", "multiplier",
                "legs"));
        double spot = body.requiredNumber("spot", 1e-9, 1e12);
        double rate = body.optionalNumber("rate", -1, 1).orElse(0.0);
        double q = body.optionalNumber("dividend_yield", -1, 1).orElse(0.0);
        double vol = body.requiredNumber("volatility", 1e-6, 20);
        double multiplier = body.optionalNumber("multiplier", 1e-9, 1e9).orElse(1.0);
        List<Leg> legs = new ArrayList<>();
        for (JsonBody l : body.requiredObjects("legs", 1, MAX_LEGS)) {
            l.allowOnly(Set.of("type", "strike", "years", "days", "quantity", "entry_price", "volatility"));
            String type = l.requiredString("type").trim().toUpperCase(java.util.Locale.ROOT);
            double quantity = l.requiredNumber("quantity", -1e9, 1e9);
            double entry = l.requiredNumber("entry_price", 0, 1e12);
            legs.add(quant(l, () -> switch (type) {
                case "UNDERLYING" -> new UnderlyingLeg(quantity, entry);
                case "CALL", "PUT" -> new OptionLeg(type.equals("CALL") ? OptionType.CALL : OptionType.PUT,
                        l.requiredNumber("strike", 1e-9, 1e12), years(l), quantity, entry,
                        l.optionalNumber("volatility", 1e-6, 20).orElse(vol));
                default -> throw ApiException.badRequest("Field '" + l.name("type")
                        + "' must be one of CALL, PUT, UNDERLYING, got '" + type + "'");
            }));
        }
        return quant(() -> {
            Strategy s = new Strategy(legs, multiplier);
            StrategyMarket market = new StrategyMarket(spot, rate, q, vol);
            StrategyRisk risk = s.risk(market);
            Greeks g = s.greeks(market);
            ObjectNode n = Json.object();
            ArrayNode be = n.putArray("breakevens");
            risk.breakevens().forEach(be::add);
            ObjectNode greeks = n.putObject("greeks");
            greeks.put("delta", g.delta());
            greeks.put("gamma", g.gamma());
            greeks.put("vega", g.vega());
            greeks.put("theta", g.theta());
            greeks.put("rho", g.rho());
            n.put("horizon_years", s.horizon());
            finiteOrNull(n, "max_loss", risk.maxLoss());
            n.put("max_loss_unbounded", risk.maxLossUnbounded());
            finiteOrNull(n, "max_profit", risk.maxProfit());
            n.put("max_profit_unbounded", risk.maxProfitUnbounded());
            ArrayNode payoff = n.putArray("payoff");
            for (int i = 0; i < PAYOFF_POINTS; i++) {
                double x = spot * (0.7 + 0.6 * i / (PAYOFF_POINTS - 1));
                ObjectNode p = payoff.addObject();
                p.put("underlying", x);
                p.put("pnl", s.payoffAtHorizon(x, market));
            }
            n.put("probability_of_profit", risk.probabilityOfProfit());
            return n;
        });
    }

    private OptionInputs inputs(JsonBody o, double volatility) {
        PricingModel model = model(o);
        double q = o.optionalNumber("dividend_yield", -1, 1).orElse(0.0);
        return new OptionInputs(model, type(o), o.requiredNumber("spot", 1e-9, 1e12),
                o.requiredNumber("strike", 1e-9, 1e12), years(o), o.optionalNumber("rate", -1, 1).orElse(0.0),
                model == PricingModel.BLACK_76 ? 0 : q, volatility);
    }

    private static OptionType type(JsonBody o) {
        String field = o.has("option_type") ? "option_type" : "type";
        return o.requiredEnum(field, OptionType.class);
    }

    /**
     * {@code model}: {@code bsm} (default), {@code black76}, {@code american} (= {@code andersen_lake_offengelden}) or
     * {@code bjerksund_stensland_2002} (the quick approximation).
     */
    private static PricingModel model(JsonBody o) {
        String m = o.optionalString("model").orElse("bsm").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case "bsm", "black_scholes_merton", "european" -> PricingModel.BLACK_SCHOLES_MERTON;
            case "black76", "black_76" -> PricingModel.BLACK_76;
            case "american", "andersen_lake_offengelden" -> PricingModel.ANDERSEN_LAKE_OFFENGELDEN;
            case "bjerksund_stensland_2002" -> PricingModel.BJERKSUND_STENSLAND_2002;
            default -> throw ApiException.badRequest("Field '" + o.name("model") + "' must be one of bsm, black76, "
                    + "american, andersen_lake_offengelden, bjerksund_stensland_2002, got '" + m + "'");
        };
    }

    /** {@code years} (ACT/365) or {@code days} (calendar days), one of them required. */
    private static double years(JsonBody o) {
        if (o.has("years")) {
            return o.requiredNumber("years", 0, 100);
        }
        if (o.has("days")) {
            return o.requiredNumber("days", 0, 36_500) / 365.0;
        }
        throw ApiException.badRequest("Field '" + o.name("years") + "' (or '" + o.name("days") + "') is required");
    }

    private static void finiteOrNull(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    private static <T> T quant(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            throw ApiException.badRequest("Field '" + e.field() + "' is out of range: " + e.getMessage());
        }
    }

    /**
     * Like {@link #quant(java.util.function.Supplier)} for the quant inputs built from {@code scope}: the error names
     * the field as the client sent it ({@code legs[0].entry_price}), not the quant library's parameter
     * ({@code entryPrice}).
     */
    private static <T> T quant(JsonBody scope, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            String field = scope.name(e.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
            throw ApiException.badRequest("Field '" + field + "' is out of range: "
                    + e.getMessage().replace(e.field(), field));
        }
    }
}
