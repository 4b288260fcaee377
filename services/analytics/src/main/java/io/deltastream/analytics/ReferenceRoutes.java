package io.deltastream.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.product.Product;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Filter;
import io.deltastream.store.StoreGuard;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference's analytics routes: {@code /pcr}, {@code /volatility-surface}, {@code /max-pain},
 * {@code /oi-buildup}, {@code /ohlc}. Field names and statuses as the reference; the bugs it had (two surface shapes,
 * an inverted OI reading, {@code latest} switching type) are fixed as docs/compatibility.md lists.
 */
final class ReferenceRoutes {
    static final int DEFAULT_HISTORY = 100;
    /** Share of spot within which a strike counts as at the money for the OI buckets. */
    static final double ATM_BAND = 0.01;
    /** One side's OTM open interest must exceed the other's by this factor to call a direction. */
    static final double DOMINANCE = 1.10;

    private final Params params;
    private final MarketView market;

    ReferenceRoutes(Params params, MarketView market) {
        this.params = params;
        this.market = market;
    }

    void register(Routes routes) {
        routes.get("/pcr/{product}", StoreGuard.guarded(this::pcr))
                .get("/volatility-surface/{product}", StoreGuard.guarded(this::surface))
                .get("/max-pain/{product}", StoreGuard.guarded(this::maxPain))
                .get("/oi-buildup/{product}", StoreGuard.guarded(this::oiBuildup))
                .get("/ohlc/{product}", StoreGuard.guarded(this::ohlc));
    }

    /**
     * {@code {"history"?, "latest", "product"}}: {@code latest} is an array of {@code {"expiry", "pcr_oi",
     * "pcr_volume", "timestamp"}} over the live expiries, or that one object (null when not cached) for
     * {@code ?expiry=}; {@code history=true} adds the stored chains' PCR, newest first.
     */
    private Object pcr(ApiRequest req) throws IOException {
        String product = params.product(req).name();
        Optional<LocalDate> expiry = Params.expiry(req);
        boolean history = req.queryBool("history", false);
        int limit = req.queryInt("limit", DEFAULT_HISTORY, 1, 1000);
        ObjectNode body = Json.object();
        if (history) {
            ArrayNode h = body.putArray("history");
            for (ObjectNode d : market.chainHistory(product, expiry.orElse(null), limit)) {
                ObjectNode e = h.addObject();
                e.set("expiry", d.get("expiry"));
                e.set("pcr_oi", d.get("pcr_oi"));
                e.set("pcr_volume", d.get("pcr_volume"));
                e.set("product", d.get("product"));
                e.put("timestamp", WireTime.format(WireTime.parse(d.path("timestamp").asText())));
            }
        }
        if (expiry.isPresent()) {
            Optional<String> cached = market.cache().get(CacheKeys.latestPcr(product, expiry.get()));
            body.set("latest", cached.isPresent() ? Json.tree(cached.get()) : Json.mapper().nullNode());
        } else {
            ArrayNode latest = body.putArray("latest");
            List<LocalDate> expiries = market.liveExpiries(product);
            List<String> keys = expiries.stream().map(e -> CacheKeys.latestPcr(product, e)).toList();
            Map<String, String> values = market.cache().getAll(keys);
            for (int i = 0; i < expiries.size(); i++) {
                String v = values.get(keys.get(i));
                if (v != null) {
                    JsonNode pcr = Json.tree(v);
                    ObjectNode e = latest.addObject();
                    e.put("expiry", expiries.get(i).toString());
                    e.set("pcr_oi", pcr.get("pcr_oi"));
                    e.set("pcr_volume", pcr.get("pcr_volume"));
                    e.set("timestamp", pcr.get("timestamp"));
                }
            }
        }
        body.put("product", product);
        return body;
    }

    /**
     * The fitted surface in one shape ({@code VolatilitySurface}, the reference's fields): the enricher's cached
     * surface, or one assembled from the newest stored chain of every live expiry; 404 when there is neither. Each
     * slice's {@code svi} is the expiry's raw SVI fit, or the slice of the surface's SSVI fit where that fits better
     * ({@link SurfaceFit}).
     */
    private Object surface(ApiRequest req) {
        String product = params.product(req).name();
        VolatilitySurface surface = market.surface(product)
                .orElseThrow(() -> ApiException.notFound("No recent data available").with("product", product));
        return new RawValue(WireCodec.encode(SurfaceFit.of(surface).answer()));
    }

    private EnrichedChain chainOr404(String product, LocalDate expiry) {
        return market.latestChain(product, expiry).orElseThrow(() -> ApiException.notFound("No data available")
                .with("expiry", expiry.toString()).with("product", product));
    }

    /** The reference's max-pain answer, read from the latest chain of the expiry. */
    private Object maxPain(ApiRequest req) {
        String product = params.product(req).name();
        LocalDate expiry = Params.requiredExpiry(req);
        EnrichedChain c = chainOr404(product, expiry);
        double distance = c.maxPainStrike() - c.spotPrice();
        ObjectNode body = Json.object();
        body.put("distance_from_spot", distance);
        body.put("distance_pct", Math.round(distance / c.spotPrice() * 100 * 100) / 100.0);
        body.put("expiry", expiry.toString());
        body.put("max_pain_strike", c.maxPainStrike());
        body.put("product", product);
        body.put("spot_price", c.spotPrice());
        body.put("timestamp", WireTime.format(c.timestamp()));
        body.put("total_call_oi", c.totalCallOi());
        body.put("total_put_oi", c.totalPutOi());
        return body;
    }

    /**
     * Open interest by moneyness (ITM / ATM within 1% of spot / OTM, non-overlapping) with the standard reading —
     * heavy OTM call OI is overhead resistance (bearish), heavy OTM put OI is support (bullish) — plus each strike's
     * build-up class from OI and price changes since the previous chain.
     */
    private Object oiBuildup(ApiRequest req) {
        String product = params.product(req).name();
        LocalDate expiry = Params.requiredExpiry(req);
        EnrichedChain c = chainOr404(product, expiry);
        double spot = c.spotPrice();
        long[] call = new long[3];
        long[] put = new long[3];
        Map<Buildup, Integer> callClasses = new EnumMap<>(Buildup.class);
        Map<Buildup, Integer> putClasses = new EnumMap<>(Buildup.class);
        ArrayNode strikes = Json.mapper().createArrayNode();
        double support = Double.NaN;
        double resistance = Double.NaN;
        long maxPutOi = -1;
        long maxCallOi = -1;
        for (int i = 0; i < c.strikes().length; i++) {
            double k = c.strikes()[i];
            EnrichedQuote cq = c.calls().get(i);
            EnrichedQuote pq = c.puts().get(i);
            int bucket = Math.abs(k - spot) <= ATM_BAND * spot ? 1 : -1;
            call[bucket == 1 ? 1 : (k < spot ? 0 : 2)] += cq.quote().openInterest();
            put[bucket == 1 ? 1 : (k > spot ? 0 : 2)] += pq.quote().openInterest();
            callClasses.merge(cq.buildup(), 1, Integer::sum);
            putClasses.merge(pq.buildup(), 1, Integer::sum);
            if (cq.quote().openInterest() > maxCallOi) {
                maxCallOi = cq.quote().openInterest();
                resistance = k;
            }
            if (pq.quote().openInterest() > maxPutOi) {
                maxPutOi = pq.quote().openInterest();
                support = k;
            }
            ObjectNode s = strikes.addObject();
            s.put("strike", k);
            s.set("call", side(cq));
            s.set("put", side(pq));
        }
        ObjectNode body = Json.object();
        body.set("buildup_summary", summary(callClasses, putClasses));
        body.set("call_buildup", buckets(call));
        body.put("expiry", expiry.toString());
        body.put("interpretation", interpretation(call[2], put[2]));
        body.put("product", product);
        body.set("put_buildup", buckets(put));
        body.put("resistance_strike", resistance);
        body.put("spot_price", spot);
        body.set("strikes", strikes);
        body.put("support_strike", support);
        body.put("timestamp", WireTime.format(c.timestamp()));
        return body;
    }

    /** The standard reading of where option writers concentrate beyond the money. */
    static String interpretation(long callOtm, long putOtm) {
        if (putOtm > callOtm * DOMINANCE) {
            return "Bullish - Higher OTM put OI (put writers see support below)";
        }
        if (callOtm > putOtm * DOMINANCE) {
            return "Bearish - Higher OTM call OI (call writers see resistance above)";
        }
        return "Neutral - Balanced OI";
    }

    private static ObjectNode buckets(long[] b) {
        ObjectNode n = Json.object();
        n.put("atm", b[1]);
        n.put("itm", b[0]);
        n.put("otm", b[2]);
        return n;
    }

    private static ObjectNode side(EnrichedQuote q) {
        ObjectNode n = Json.object();
        n.put("buildup", q.buildup().wire());
        n.put("oi_change", q.oiChange());
        n.put("open_interest", q.quote().openInterest());
        n.put("price_change", q.priceChange());
        return n;
    }

    private static ObjectNode summary(Map<Buildup, Integer> calls, Map<Buildup, Integer> puts) {
        ObjectNode n = Json.object();
        ObjectNode c = n.putObject("calls");
        ObjectNode p = n.putObject("puts");
        for (Buildup b : Buildup.values()) {
            c.put(b.wire(), calls.getOrDefault(b, 0));
            p.put(b.wire(), puts.getOrDefault(b, 0));
        }
        return n;
    }

    /**
     * The current aligned candle of the window (the reference's {@code ohlc:{product}:{N}m} value); the newest stored
     * candle when it is still the current bucket; else 404.
     */
    private Object ohlc(ApiRequest req) {
        Product product = params.product(req);
        int window = Params.window(req);
        Optional<String> cached = market.cache().get(CacheKeys.ohlc(product.name(), window));
        if (cached.isPresent()) {
            return new RawValue(cached.get());
        }
        Optional<Candle> stored = market.candles().latest(Filter.eq("product", product.name())
                .and("window_minutes", window)).map(StoredCandle::fromDocument)
                .filter(c -> c.endTime().isAfter(market.clock().instant()));
        if (stored.isPresent()) {
            return new RawValue(WireCodec.encode(stored.get()));
        }
        throw ApiException.notFound("No OHLC data available").with("product", product.name())
                .with("window", window + "m");
    }
}
