package io.deltastream.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.store.StoredQuote;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.http.ApiRequest;
import io.deltastream.platform.http.Routes;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.StoreGuard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The storage routes. Response envelopes keep the reference's field names with keys in alphabetical order (as its
 * Flask services wrote them); lists are newest first; every time is ISO-8601 UTC with six fraction digits and
 * {@code Z}.
 */
final class StorageRoutes {
    static final int DEFAULT_TICK_LIMIT = 100;
    static final int DEFAULT_QUOTE_LIMIT = 100;
    static final int DEFAULT_CHAIN_LIMIT = 10;
    static final int DEFAULT_CANDLE_LIMIT = 100;
    static final int DEFAULT_SURFACE_LIMIT = 100;

    private final ProductUniverse universe;
    private final QueryParams params;
    private final MarketReads reads;
    private final LatestChains latest;

    StorageRoutes(ProductUniverse universe, MarketReads reads, LatestChains latest) {
        this.universe = universe;
        this.params = new QueryParams(universe);
        this.reads = reads;
        this.latest = latest;
    }

    void register(Routes routes) {
        routes.get("/underlying/{product}", StoreGuard.guarded(this::underlying))
                .get("/option/quote/{symbol}", StoreGuard.guarded(this::quotes))
                .get("/option/chain/{product}", StoreGuard.guarded(this::chains))
                .get("/products", StoreGuard.guarded(req -> products()))
                .get("/instruments", req -> instruments())
                .get("/expiries/{product}", StoreGuard.guarded(this::expiries))
                .get("/candles/{product}", StoreGuard.guarded(this::candles))
                .get("/surfaces/{product}", StoreGuard.guarded(this::surfaces));
    }

    /**
     * {@code {"count", "instruments": [{"name", "currency", "lot_size", "strike_interval", "tick_size", "exercise",
     * "timezone", "expiry_time"}]}}: the contract specification of every listed product, in the universe's order
     * (what a client needs to format prices, size orders in lots and lay out strikes). Needs no store.
     */
    private Object instruments() {
        ArrayNode list = Json.mapper().createArrayNode();
        for (Product p : universe.products()) {
            ObjectNode i = list.addObject();
            i.put("name", p.name());
            i.put("currency", p.currency());
            i.put("lot_size", p.lotSize());
            i.put("strike_interval", p.strikeInterval());
            i.put("tick_size", p.tickSize());
            i.put("exercise", p.exercise().name());
            i.put("timezone", p.timezone().getId());
            i.put("expiry_time", p.expiryTime().toString());
        }
        ObjectNode body = Json.object();
        body.put("count", list.size());
        body.set("instruments", list);
        return body;
    }

    /** {@code {"count", "product", "ticks": [{"price", "processed_at", "product", "tick_id", "timestamp"}]}}. */
    private Object underlying(ApiRequest req) {
        String product = params.product(req);
        int limit = QueryParams.limit(req, DEFAULT_TICK_LIMIT);
        Filter filter = QueryParams.timeRange(req, Filter.eq("product", product));
        ArrayNode ticks = Json.mapper().createArrayNode();
        for (ObjectNode d : reads.ticks().find(filter, Order.NEWEST_FIRST, limit)) {
            ObjectNode t = ticks.addObject();
            t.set("price", d.get("price"));
            t.put("processed_at", time(d, "processed_at"));
            t.set("product", d.get("product"));
            t.set("tick_id", d.get("tick_id"));
            t.put("timestamp", time(d, "timestamp"));
        }
        ObjectNode body = Json.object();
        body.put("count", ticks.size());
        body.put("product", product);
        body.set("ticks", ticks);
        return body;
    }

    /** {@code {"count", "quotes": [{quote fields..., "processed_at"}], "symbol"}}. */
    private Object quotes(ApiRequest req) {
        String symbol = req.path("symbol");
        OptionSymbol parsed;
        try {
            parsed = OptionSymbol.parse(symbol);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid option symbol '" + symbol
                    + "': expected PRODUCTyyyyMMdd[C|P]STRIKE, e.g. NIFTY20261126C21500");
        }
        params.listed(parsed.product());
        int limit = QueryParams.limit(req, DEFAULT_QUOTE_LIMIT);
        Filter filter = QueryParams.timeRange(req, Filter.eq("symbol", parsed.toString()));
        ArrayNode quotes = Json.mapper().createArrayNode();
        for (ObjectNode d : reads.quotes().find(filter, Order.NEWEST_FIRST, limit)) {
            ObjectNode q = (ObjectNode) Json.trusted(WireCodec.encode(StoredQuote.fromDocument(d)));
            q.put("processed_at", WireTime.format(StoredQuote.processedAt(d)));
            quotes.add(q);
        }
        ObjectNode body = Json.object();
        body.put("count", quotes.size());
        body.set("quotes", quotes);
        body.put("symbol", parsed.toString());
        return body;
    }

    /**
     * {@code {"chains": [enriched chain...], "count", "product"}}. The latest chain ({@code limit=1}, no time range)
     * comes from the cache when it can; history from the store.
     */
    private Object chains(ApiRequest req) {
        String product = params.product(req);
        int limit = QueryParams.limit(req, DEFAULT_CHAIN_LIMIT);
        Optional<LocalDate> expiry = QueryParams.expiry(req);
        Filter base = Filter.eq("product", product);
        if (expiry.isPresent()) {
            base = base.and("expiry", expiry.get().toString());
        }
        Filter filter = QueryParams.timeRange(req, base);
        if (limit == 1 && !filter.hasTimeRange()) {
            return latest.latestBody(product, expiry.orElse(null));
        }
        List<String> chains = new ArrayList<>();
        for (ObjectNode d : reads.chains().find(filter, Order.NEWEST_FIRST, limit)) {
            chains.add(WireCodec.encode(StoredChain.fromDocument(d)));
        }
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("chains");
        chains.forEach(c -> arr.addRawValue(new RawValue(c)));
        body.put("count", chains.size());
        body.put("product", product);
        return body;
    }

    /** {@code {"products": [...]}}: the listed products that have stored ticks, ascending. */
    private Object products() {
        List<String> names = new ArrayList<>();
        for (String p : params.universeNames()) {
            if (reads.ticks().latest(Filter.eq("product", p)).isPresent()) {
                names.add(p);
            }
        }
        names.sort(null);
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("products");
        names.forEach(arr::add);
        return body;
    }

    /** {@code {"expiries": ["YYYY-MM-DD"...], "product"}}: expiries with stored chains, ascending. */
    private Object expiries(ApiRequest req) {
        String product = params.product(req);
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("expiries");
        for (Object e : reads.chains().distinct("expiry", Filter.eq("product", product))) {
            arr.add(e.toString());
        }
        body.put("product", product);
        return body;
    }

    /** {@code {"candles": [candle...], "count", "product", "window_minutes"}}: completed and current buckets. */
    private Object candles(ApiRequest req) {
        String product = params.product(req);
        int window = window(req);
        int limit = QueryParams.limit(req, DEFAULT_CANDLE_LIMIT);
        Filter filter = QueryParams.timeRange(req, Filter.eq("product", product).and("window_minutes", window));
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("candles");
        for (ObjectNode d : reads.candles().find(filter, Order.NEWEST_FIRST, limit)) {
            arr.addRawValue(new RawValue(WireCodec.encode(StoredCandle.fromDocument(d))));
        }
        body.put("count", arr.size());
        body.put("product", product);
        body.put("window_minutes", window);
        return body;
    }

    /** {@code window}: one of the candle windows the enricher keeps, default 5 minutes. */
    static int window(ApiRequest req) {
        String v = req.query("window").orElse("5").trim();
        return CacheKeys.ohlcWindow(v).orElseThrow(() -> ApiException.badRequest(
                "Query parameter 'window' must be one of " + CacheKeys.OHLC_WINDOWS + " (minutes), got '" + v + "'"));
    }

    /**
     * {@code {"count", "product", "surfaces": [{"timestamp", "expiry", "strikes", "ivs", "avg_iv", "call_ivs",
     * "put_ivs", "time_to_expiry", "forward", "atm_iv", "svi"}]}}: one smile per stored chain, newest first.
     */
    private Object surfaces(ApiRequest req) {
        String product = params.product(req);
        int limit = QueryParams.limit(req, DEFAULT_SURFACE_LIMIT);
        Filter base = Filter.eq("product", product);
        Optional<LocalDate> expiry = QueryParams.expiry(req);
        if (expiry.isPresent()) {
            base = base.and("expiry", expiry.get().toString());
        }
        Filter filter = QueryParams.timeRange(req, base);
        ArrayNode arr = Json.mapper().createArrayNode();
        for (ObjectNode d : reads.chains().find(filter, Order.NEWEST_FIRST, limit)) {
            EnrichedChain chain = StoredChain.fromDocument(d);
            ObjectNode s = arr.addObject();
            s.put("timestamp", WireTime.format(chain.timestamp()));
            s.setAll((ObjectNode) Json.trusted(WireCodec.encode(VolatilitySurface.Slice.of(chain))));
        }
        ObjectNode body = Json.object();
        body.put("count", arr.size());
        body.put("product", product);
        body.set("surfaces", arr);
        return body;
    }

    private static String time(ObjectNode doc, String field) {
        return WireTime.format(WireTime.parse(doc.path(field).asText()));
    }
}
