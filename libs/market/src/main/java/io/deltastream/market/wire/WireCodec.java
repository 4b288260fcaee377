package io.deltastream.market.wire;

import io.deltastream.quant.pricing.OptionType;
import static io.deltastream.market.wire.WireReader.array;
import static io.deltastream.market.wire.WireReader.count;
import static io.deltastream.market.wire.WireReader.date;
import static io.deltastream.market.wire.WireReader.field;
import static io.deltastream.market.wire.WireReader.integer;
import static io.deltastream.market.wire.WireReader.nonNegative;
import static io.deltastream.market.wire.WireReader.number;
import static io.deltastream.market.wire.WireReader.numbers;
import static io.deltastream.market.wire.WireReader.object;
import static io.deltastream.market.wire.WireReader.positive;
import static io.deltastream.market.wire.WireReader.text;
import static io.deltastream.market.wire.WireReader.time;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.logging.Tracing;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON encoding and validated decoding of the market-data wire records, keeping the reference's field names and
 * order. Numbers that are {@code NaN} are written as {@code null} and read back as {@code NaN}. Decoding ignores
 * fields it does not know (vendor feeds add some) and rejects a message whose known fields are missing, mistyped or
 * out of range with a {@link MalformedMessageException} naming the field.
 */
public final class WireCodec {
    private WireCodec() {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static JsonNode parse(String text, String what) throws MalformedMessageException {
        try {
            return object(Json.tree(text), what);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void num(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void nums(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            if (Double.isNaN(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
    }

    private static void writeTime(JsonGenerator g, String name, Instant t) throws IOException {
        g.writeStringField(name, WireTime.format(t));
    }

    // ---- underlying ticks ----

    public static String encode(UnderlyingTick t) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", UnderlyingTick.TYPE);
            g.writeStringField("product", t.product());
            g.writeNumberField("price", t.price());
            writeTime(g, "timestamp", t.timestamp());
            g.writeNumberField("tick_id", t.tickId());
            g.writeEndObject();
        });
    }

    public static UnderlyingTick decodeTick(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "underlying tick");
        JsonNode type = n.get("type");
        if (type != null && !UnderlyingTick.TYPE.equals(type.asText())) {
            throw new MalformedMessageException("type must be " + UnderlyingTick.TYPE + ", got '" + type.asText() + "'");
        }
        long tickId = n.has("tick_id") ? integer(n, "", "tick_id") : 0;
        return new UnderlyingTick(text(n, "", "product"), positive(n, "", "price"), time(n, "", "timestamp"), tickId);
    }

    public static String encode(EnrichedUnderlying u) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", EnrichedUnderlying.TYPE);
            g.writeStringField("product", u.product());
            g.writeNumberField("price", u.price());
            writeTime(g, "timestamp", u.timestamp());
            writeTime(g, "processed_at", u.processedAt());
            g.writeEndObject();
        });
    }

    public static EnrichedUnderlying decodeEnrichedUnderlying(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "enriched underlying");
        return new EnrichedUnderlying(text(n, "", "product"), positive(n, "", "price"), time(n, "", "timestamp"),
                time(n, "", "processed_at"));
    }

    // ---- option quotes ----

    public static String encode(OptionQuote q) {
        return json(g -> writeQuote(g, q, null));
    }

    private static void writeQuote(JsonGenerator g, OptionQuote q, EnrichedQuote extra) throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", q.symbol());
        g.writeStringField("product", q.product());
        g.writeNumberField("strike", q.strike());
        g.writeStringField("expiry", q.expiry().toString());
        g.writeStringField("option_type", q.optionType().name());
        g.writeNumberField("bid", q.bid());
        g.writeNumberField("ask", q.ask());
        g.writeNumberField("last", q.last());
        g.writeNumberField("volume", q.volume());
        g.writeNumberField("open_interest", q.openInterest());
        num(g, "delta", q.delta());
        num(g, "gamma", q.gamma());
        num(g, "vega", q.vega());
        num(g, "theta", q.theta());
        num(g, "iv", q.iv());
        writeTime(g, "timestamp", q.timestamp());
        if (extra != null) {
            num(g, "mid", extra.mid());
            num(g, "rho", extra.rho());
            g.writeNumberField("oi_change", extra.oiChange());
            g.writeNumberField("price_change", extra.priceChange());
            g.writeStringField("buildup", extra.buildup().wire());
        }
        g.writeEndObject();
    }

    public static OptionQuote decodeQuote(String text) throws MalformedMessageException {
        return readQuote(parse(text, "option quote"), "");
    }

    private static OptionQuote readQuote(JsonNode n, String path) throws MalformedMessageException {
        object(n, path.isEmpty() ? "option quote" : path.substring(0, path.length() - 1));
        OptionType type;
        String rawType = text(n, path, "option_type");
        try {
            type = OptionType.valueOf(rawType);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(path + "option_type must be CALL or PUT, got '" + rawType + "'");
        }
        double bid = nonNegative(n, path, "bid");
        double ask = nonNegative(n, path, "ask");
        if (ask < bid && ask > 0) {
            throw new MalformedMessageException(path + "ask " + ask + " is below bid " + bid);
        }
        return new OptionQuote(text(n, path, "symbol"), text(n, path, "product"), positive(n, path, "strike"),
                date(n, path, "expiry"), type, bid, ask, nonNegative(n, path, "last"), count(n, path, "volume"),
                count(n, path, "open_interest"), number(n, path, "delta", true), number(n, path, "gamma", true),
                number(n, path, "vega", true), number(n, path, "theta", true), number(n, path, "iv", true),
                time(n, path, "timestamp"));
    }

    // ---- option chains ----

    public static String encode(OptionChain c) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("product", c.product());
            g.writeStringField("expiry", c.expiry().toString());
            g.writeNumberField("spot_price", c.spotPrice());
            nums(g, "strikes", c.strikes());
            g.writeArrayFieldStart("calls");
            for (OptionQuote q : c.calls()) {
                writeQuote(g, q, null);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("puts");
            for (OptionQuote q : c.puts()) {
                writeQuote(g, q, null);
            }
            g.writeEndArray();
            writeTime(g, "timestamp", c.timestamp());
            g.writeEndObject();
        });
    }

    /**
     * Decodes and checks a chain: strikes ascending and distinct, one call and one put per strike in the same order,
     * every quote of the chain's product and expiry.
     */
    public static OptionChain decodeChain(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "option chain");
        String product = text(n, "", "product");
        LocalDate expiry = date(n, "", "expiry");
        double[] strikes = strikes(n);
        List<OptionQuote> calls = side(n, "calls", OptionType.CALL, product, expiry, strikes, (q, json, path) -> q);
        List<OptionQuote> puts = side(n, "puts", OptionType.PUT, product, expiry, strikes, (q, json, path) -> q);
        return new OptionChain(product, expiry, positive(n, "", "spot_price"), strikes, calls, puts,
                time(n, "", "timestamp"));
    }

    private static double[] strikes(JsonNode n) throws MalformedMessageException {
        double[] strikes = numbers(n, "", "strikes", false);
        if (strikes.length == 0) {
            throw new MalformedMessageException("strikes must not be empty");
        }
        for (int i = 0; i < strikes.length; i++) {
            if (!(strikes[i] > 0) || (i > 0 && !(strikes[i] > strikes[i - 1]))) {
                throw new MalformedMessageException("strikes must be positive, ascending and distinct (at index " + i + ")");
            }
        }
        return strikes;
    }

    /** Builds one element of a chain side from the parsed quote and its JSON (for the enriched extras). */
    @FunctionalInterface
    private interface SideElement<T> {
        T build(OptionQuote quote, JsonNode json, String path) throws MalformedMessageException;
    }

    private static <T> List<T> side(JsonNode chain, String side, OptionType type, String product, LocalDate expiry,
                                    double[] strikes, SideElement<T> element) throws MalformedMessageException {
        JsonNode arr = array(chain, "", side);
        if (arr.size() != strikes.length) {
            throw new MalformedMessageException(side + " has " + arr.size() + " quotes for " + strikes.length + " strikes");
        }
        List<T> out = new ArrayList<>(strikes.length);
        for (int i = 0; i < strikes.length; i++) {
            String path = side + "[" + i + "].";
            OptionQuote q = readQuote(arr.get(i), path);
            checkQuoteInChain(q, path, type, product, expiry, strikes[i]);
            out.add(element.build(q, arr.get(i), path));
        }
        return out;
    }

    private static void checkQuoteInChain(OptionQuote q, String path, OptionType type, String product, LocalDate expiry,
                                          double strike) throws MalformedMessageException {
        if (q.optionType() != type) {
            throw new MalformedMessageException(path + "option_type must be " + type);
        }
        if (!q.product().equals(product) || !q.expiry().equals(expiry)) {
            throw new MalformedMessageException(path + " belongs to " + q.product() + " " + q.expiry()
                    + ", not the chain's " + product + " " + expiry);
        }
        if (q.strike() != strike) {
            throw new MalformedMessageException(path + "strike " + q.strike() + " does not match strikes entry " + strike);
        }
    }

    // ---- enriched chains ----

    public static String encode(EnrichedChain c) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("product", c.product());
            g.writeStringField("expiry", c.expiry().toString());
            g.writeNumberField("spot_price", c.spotPrice());
            nums(g, "strikes", c.strikes());
            g.writeNumberField("pcr_oi", c.pcrOi());
            g.writeNumberField("pcr_volume", c.pcrVolume());
            g.writeNumberField("atm_strike", c.atmStrike());
            g.writeNumberField("atm_straddle_price", c.atmStraddlePrice());
            g.writeNumberField("max_pain_strike", c.maxPainStrike());
            g.writeNumberField("total_call_oi", c.totalCallOi());
            g.writeNumberField("total_put_oi", c.totalPutOi());
            g.writeNumberField("call_buildup_otm", c.callBuildupOtm());
            g.writeNumberField("put_buildup_otm", c.putBuildupOtm());
            g.writeArrayFieldStart("calls");
            for (EnrichedQuote q : c.calls()) {
                writeQuote(g, q.quote(), q);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("puts");
            for (EnrichedQuote q : c.puts()) {
                writeQuote(g, q.quote(), q);
            }
            g.writeEndArray();
            writeTime(g, "timestamp", c.timestamp());
            writeTime(g, "processed_at", c.processedAt());
            g.writeNumberField("time_to_expiry", c.yearsToExpiry());
            num(g, "forward", c.forward());
            num(g, "atm_iv", c.atmIv());
            num(g, "iv_skew", c.ivSkew());
            num(g, "expected_move", c.expectedMove());
            g.writeNumberField("total_call_oi_change", c.totalCallOiChange());
            g.writeNumberField("total_put_oi_change", c.totalPutOiChange());
            writeSvi(g, "smile", c.smile());
            g.writeEndObject();
        });
    }

    private static void writeSvi(JsonGenerator g, String name, SviParams s) throws IOException {
        if (s == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("a", s.a());
        g.writeNumberField("b", s.b());
        g.writeNumberField("rho", s.rho());
        g.writeNumberField("m", s.m());
        g.writeNumberField("sigma", s.sigma());
        num(g, "rmse", s.rmse());
        g.writeEndObject();
    }

    private static SviParams readSvi(JsonNode parent, String name) throws MalformedMessageException {
        JsonNode s = field(parent, "", name);
        if (s.isNull()) {
            return null;
        }
        String p = name + ".";
        object(s, name);
        return new SviParams(number(s, p, "a", false), number(s, p, "b", false), number(s, p, "rho", false),
                number(s, p, "m", false), number(s, p, "sigma", false), number(s, p, "rmse", true));
    }

    public static EnrichedChain decodeEnrichedChain(String text) throws MalformedMessageException {
        return enrichedChain(parse(text, "enriched chain"));
    }

    /**
     * An enriched chain as published on {@code enriched:option_chain}, with the trace context the worker added to
     * it ({@link #withTraceparent}); null when it has none.
     */
    public static Traced<EnrichedChain> decodeTracedEnrichedChain(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "enriched chain");
        JsonNode traceparent = n.path(Tracing.TRACEPARENT);
        return new Traced<>(enrichedChain(n), traceparent.isTextual() ? traceparent.asText() : null);
    }

    /**
     * {@code json} (an encoded object) with the field {@code traceparent} first, for a message published on a topic:
     * the consumer continues that trace. Readers that do not know the field ignore it, as they ignore any.
     */
    public static String withTraceparent(String json, String traceparent) {
        if (!json.startsWith("{")) {
            throw new IllegalArgumentException("not an encoded object");
        }
        String field = json(g -> g.writeString(traceparent));
        return "{\"" + Tracing.TRACEPARENT + "\":" + field + (json.equals("{}") ? "" : ",") + json.substring(1);
    }

    private static EnrichedChain enrichedChain(JsonNode n) throws MalformedMessageException {
        String product = text(n, "", "product");
        LocalDate expiry = date(n, "", "expiry");
        double[] strikes = strikes(n);
        return new EnrichedChain(product, expiry, positive(n, "", "spot_price"), strikes,
                nonNegative(n, "", "pcr_oi"), nonNegative(n, "", "pcr_volume"), positive(n, "", "atm_strike"),
                nonNegative(n, "", "atm_straddle_price"), positive(n, "", "max_pain_strike"),
                count(n, "", "total_call_oi"), count(n, "", "total_put_oi"), count(n, "", "call_buildup_otm"),
                count(n, "", "put_buildup_otm"),
                side(n, "calls", OptionType.CALL, product, expiry, strikes, WireCodec::enrichedQuote),
                side(n, "puts", OptionType.PUT, product, expiry, strikes, WireCodec::enrichedQuote),
                time(n, "", "timestamp"),
                time(n, "", "processed_at"), number(n, "", "time_to_expiry", false), number(n, "", "forward", true),
                number(n, "", "atm_iv", true), number(n, "", "iv_skew", true), number(n, "", "expected_move", true),
                integer(n, "", "total_call_oi_change"), integer(n, "", "total_put_oi_change"), readSvi(n, "smile"));
    }

    private static EnrichedQuote enrichedQuote(OptionQuote q, JsonNode json, String path)
            throws MalformedMessageException {
        String buildup = text(json, path, "buildup");
        Buildup b;
        try {
            b = Buildup.fromWire(buildup);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(path + "buildup: " + e.getMessage());
        }
        return new EnrichedQuote(q, number(json, path, "rho", true), integer(json, path, "oi_change"),
                number(json, path, "price_change", false), b);
    }

    /** The {@code latest:pcr:{product}:{expiry}} value: {@code {"pcr_oi", "pcr_volume", "timestamp"}}. */
    public static String encodePcr(EnrichedChain c) {
        return json(g -> {
            g.writeStartObject();
            g.writeNumberField("pcr_oi", c.pcrOi());
            g.writeNumberField("pcr_volume", c.pcrVolume());
            writeTime(g, "timestamp", c.timestamp());
            g.writeEndObject();
        });
    }

    // ---- candles ----

    public static String encode(Candle c) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("product", c.product());
            g.writeNumberField("window_minutes", c.windowMinutes());
            g.writeNumberField("open", c.open());
            g.writeNumberField("high", c.high());
            g.writeNumberField("low", c.low());
            g.writeNumberField("close", c.close());
            writeTime(g, "start_time", c.startTime());
            writeTime(g, "end_time", c.endTime());
            g.writeNumberField("num_ticks", c.numTicks());
            g.writeEndObject();
        });
    }

    public static Candle decodeCandle(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "candle");
        return new Candle(text(n, "", "product"), (int) count(n, "", "window_minutes"), positive(n, "", "open"),
                positive(n, "", "high"), positive(n, "", "low"), positive(n, "", "close"), time(n, "", "start_time"),
                time(n, "", "end_time"), count(n, "", "num_ticks"));
    }

    // ---- volatility surfaces ----

    public static String encode(VolatilitySurface s) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("product", s.product());
            g.writeArrayFieldStart("expiries");
            for (VolatilitySurface.Slice e : s.expiries()) {
                writeSlice(g, e);
            }
            g.writeEndArray();
            writeTime(g, "timestamp", s.timestamp());
            g.writeEndObject();
        });
    }

    /** One slice alone (the enricher keeps slices per expiry and assembles the surface from them). */
    public static String encode(VolatilitySurface.Slice slice) {
        return json(g -> writeSlice(g, slice));
    }

    private static void writeSlice(JsonGenerator g, VolatilitySurface.Slice e) throws IOException {
        g.writeStartObject();
        g.writeStringField("expiry", e.expiry().toString());
        nums(g, "strikes", e.strikes());
        nums(g, "ivs", e.ivs());
        num(g, "avg_iv", e.avgIv());
        nums(g, "call_ivs", e.callIvs());
        nums(g, "put_ivs", e.putIvs());
        g.writeNumberField("time_to_expiry", e.yearsToExpiry());
        num(g, "forward", e.forward());
        num(g, "atm_iv", e.atmIv());
        writeSvi(g, "svi", e.svi());
        g.writeEndObject();
    }

    public static VolatilitySurface.Slice decodeSlice(String text) throws MalformedMessageException {
        return readSlice(parse(text, "surface slice"));
    }

    private static VolatilitySurface.Slice readSlice(JsonNode n) throws MalformedMessageException {
        double[] strikes = numbers(n, "", "strikes", false);
        double[] ivs = numbers(n, "", "ivs", true);
        double[] callIvs = numbers(n, "", "call_ivs", true);
        double[] putIvs = numbers(n, "", "put_ivs", true);
        if (ivs.length != strikes.length || callIvs.length != strikes.length || putIvs.length != strikes.length) {
            throw new MalformedMessageException("ivs, call_ivs and put_ivs must align with strikes");
        }
        return new VolatilitySurface.Slice(date(n, "", "expiry"), strikes, ivs, number(n, "", "avg_iv", true),
                callIvs, putIvs, number(n, "", "time_to_expiry", false), number(n, "", "forward", true),
                number(n, "", "atm_iv", true), readSvi(n, "svi"));
    }

    public static VolatilitySurface decodeSurface(String text) throws MalformedMessageException {
        JsonNode n = parse(text, "volatility surface");
        JsonNode arr = array(n, "", "expiries");
        List<VolatilitySurface.Slice> slices = new ArrayList<>(arr.size());
        for (JsonNode e : arr) {
            slices.add(readSlice(object(e, "expiries[]")));
        }
        return new VolatilitySurface(text(n, "", "product"), slices, time(n, "", "timestamp"));
    }
}
