package io.deltastream.socket;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.channel.UserTopics;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.UserEvent;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Enriched market data as the worker-enricher publishes and caches it, for driving the gateway in tests. */
final class MarketSamples {
    static final LocalDate EXPIRY = LocalDate.of(2026, 12, 31);

    private MarketSamples() {
    }

    static Instant at(long second) {
        return Instant.parse("2026-12-03T10:00:00Z").plus(second, ChronoUnit.SECONDS);
    }

    static EnrichedUnderlying underlying(String product, double price, Instant at) {
        return new EnrichedUnderlying(product, price, at, at.plusMillis(3));
    }

    static EnrichedChain chain(String product, LocalDate expiry, double spot, Instant at) {
        double[] strikes = {spot - 100, spot - 50, spot, spot + 50, spot + 100};
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (int i = 0; i < strikes.length; i++) {
            calls.add(quote(product, expiry, strikes[i], OptionType.CALL, at, 1000 + i));
            puts.add(quote(product, expiry, strikes[i], OptionType.PUT, at, 900 + i));
        }
        return new EnrichedChain(product, expiry, spot, strikes, 0.9, 0.8, spot, 120.5, spot - 50, 5010, 4510,
                2003, 1801, calls, puts, at, at.plusMillis(7), 0.08, spot * 1.001, 0.2, 0.03, 170.0, 10, -5,
                new SviParams(0.01, 0.1, -0.3, 0.0, 0.2, 0.001));
    }

    private static EnrichedQuote quote(String product, LocalDate expiry, double strike, OptionType type, Instant at,
                                       long oi) {
        String symbol = product + expiry.toString().replace("-", "") + (long) strike + (type == OptionType.CALL ? "CE" : "PE");
        OptionQuote q = new OptionQuote(symbol, product, strike, expiry, type, 10, 11, 10.5, 100, oi, 0.5, 0.001,
                12.0, -3.0, 0.2, at);
        return new EnrichedQuote(q, 0.4, 5, 0.25, Buildup.LONG_BUILDUP);
    }

    static void publish(Bus bus, EnrichedUnderlying u) {
        bus.topics().publish(MarketTopics.ENRICHED_UNDERLYING, WireCodec.encode(u));
    }

    static void publish(Bus bus, EnrichedChain c) {
        bus.topics().publish(MarketTopics.ENRICHED_OPTION_CHAIN, WireCodec.encode(c));
    }

    static void publish(Bus bus, UserEvent e) {
        bus.topics().publish(UserTopics.USER_EVENTS, e.encode());
    }

    static UserEvent userEvent(String userId, String orderId) {
        var data = Json.object();
        data.put("order_id", orderId);
        data.put("status", "FILLED");
        return new UserEvent(userId, UserEvent.ORDER_UPDATE, data, Instant.now());
    }

    /** Writes the cache as the enricher does: latest values plus the product and expiry indexes. */
    static void cache(Bus bus, EnrichedUnderlying u) {
        bus.cache().apply(new Effects()
                .set(CacheKeys.latestUnderlying(u.product()), WireCodec.encode(u), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.PRODUCTS_INDEX, u.product(), System.currentTimeMillis()));
    }

    static void cache(Bus bus, EnrichedChain c) {
        bus.cache().apply(new Effects()
                .set(CacheKeys.latestChain(c.product(), c.expiry()), WireCodec.encode(c), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.PRODUCTS_INDEX, c.product(), System.currentTimeMillis())
                .indexPut(CacheKeys.expiriesIndex(c.product()), c.expiry().toString(), System.currentTimeMillis()));
    }
}
