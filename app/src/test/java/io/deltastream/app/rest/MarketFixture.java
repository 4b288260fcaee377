package io.deltastream.app.rest;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.store.StoredQuote;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Documents;
import io.deltastream.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes market data the way the worker-enricher does — through the {@code libs/market} stored layouts and cache
 * keys — into the same store and cache the services under test read (started as a service so that it shares the
 * process's store and bus).
 */
final class MarketFixture implements Service {
    static final double RATE = 0.065;

    private DocumentCollection ticks;
    private DocumentCollection quotes;
    private DocumentCollection chains;
    private DocumentCollection candles;
    private Bus bus;

    @Override
    public String name() {
        return "market-fixture";
    }

    @Override
    public int defaultPort() {
        return 0;
    }

    @Override
    public void install(ServiceContext ctx) {
        DocumentStore store = Stores.open(ctx, MarketCollections.DATABASE);
        MarketRetention r = MarketRetention.DEFAULTS;
        ticks = store.collection(MarketCollections.underlyingTicks(r));
        quotes = store.collection(MarketCollections.optionQuotes(r));
        chains = store.collection(MarketCollections.optionChains(r));
        candles = store.collection(MarketCollections.candles(r));
        bus = Buses.open(ctx);
    }

    Bus bus() {
        return bus;
    }

    void tick(String product, double price, Instant time, long tickId) {
        ticks.insert(StoredTick.toDocument(Documents.newId(), new UnderlyingTick(product, price, time, tickId),
                time.plusMillis(3)));
    }

    OptionQuote quote(String product, LocalDate expiry, OptionType type, double strike, double last, Instant time) {
        OptionQuote q = new OptionQuote(OptionSymbol.format(product, expiry, type, strike), product, strike, expiry,
                type, last * 0.99, last * 1.01, last, 1200, 45000, type == OptionType.CALL ? 0.52 : -0.48, 0.0004,
                11.8, -9.5, 0.142, time);
        quotes.insert(StoredQuote.toDocument(Documents.newId(), q, time.plusMillis(5)));
        return q;
    }

    void candle(Candle c) {
        candles.insert(StoredCandle.toDocument(c));
    }

    /** Caches a candle as the current bucket of its window ({@code ohlc:{product}:{N}m}). */
    void cacheCandle(Candle c) {
        bus.cache().set(CacheKeys.ohlc(c.product(), c.windowMinutes()), WireCodec.encode(c), Duration.ofMinutes(5));
    }

    /** Stores a chain (as the enricher does) without touching the cache. */
    void storeChain(EnrichedChain c) {
        chains.insert(StoredChain.toDocument(Documents.newId(), c));
    }

    /** Caches a chain as the enricher does: latest chain, latest PCR, expiry and product indexes. */
    void cacheChain(EnrichedChain c) {
        double now = Instant.now().toEpochMilli();
        bus.cache().apply(new Effects()
                .set(CacheKeys.latestChain(c.product(), c.expiry()), WireCodec.encode(c), CacheKeys.LATEST_TTL)
                .set(CacheKeys.latestPcr(c.product(), c.expiry()), WireCodec.encodePcr(c), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.expiriesIndex(c.product()), c.expiry().toString(), now)
                .indexPut(CacheKeys.PRODUCTS_INDEX, c.product(), now));
    }

    void cacheSurface(VolatilitySurface s) {
        bus.cache().set(CacheKeys.volatilitySurface(s.product()), WireCodec.encode(s), CacheKeys.LATEST_TTL);
    }

    /**
     * A chain of {@code 2 * half + 1} strikes around spot priced with Black-Scholes-Merton on a skewed smile, with
     * open interest that grows away from the money (calls above, puts below), scaled by {@code oiScale}.
     */
    static EnrichedChain chain(String product, LocalDate expiry, double spot, double interval, int half, Instant time,
                               double oiScale, double priceShift) {
        double years = Math.max(1e-4, Duration.between(time, expiry.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC))
                .toMinutes() / (365.0 * 24 * 60));
        double forward = BlackScholesMerton.forward(spot, years, RATE, 0);
        double atm = Math.round(spot / interval) * interval;
        int n = 2 * half + 1;
        double[] strikes = new double[n];
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        long callOi = 0;
        long putOi = 0;
        long callOtm = 0;
        long putOtm = 0;
        double callVol = 0;
        double putVol = 0;
        for (int i = 0; i < n; i++) {
            double k = atm + (i - half) * interval;
            strikes[i] = k;
            double m = Math.log(k / forward);
            double iv = 0.14 - 0.10 * m + 0.9 * m * m;
            long coi = Math.round(oiScale * (40_000 + 6_000 * Math.max(0, i - half)));
            long poi = Math.round(oiScale * (38_000 + 9_000 * Math.max(0, half - i)));
            calls.add(option(product, expiry, OptionType.CALL, spot, k, years, iv, coi, 900 + 10L * i, time,
                    priceShift));
            puts.add(option(product, expiry, OptionType.PUT, spot, k, years, iv, poi, 800 + 12L * i, time,
                    priceShift));
            callOi += coi;
            putOi += poi;
            callVol += 900 + 10L * i;
            putVol += 800 + 12L * i;
            if (k > spot) {
                callOtm += coi;
            }
            if (k < spot) {
                putOtm += poi;
            }
        }
        double maxPain = strikes[0];
        double best = Double.MAX_VALUE;
        for (double s : strikes) {
            double pain = 0;
            for (int i = 0; i < n; i++) {
                pain += calls.get(i).quote().openInterest() * Math.max(0, s - strikes[i])
                        + puts.get(i).quote().openInterest() * Math.max(0, strikes[i] - s);
            }
            if (pain < best) {
                best = pain;
                maxPain = s;
            }
        }
        int atmIndex = half;
        double straddle = calls.get(atmIndex).quote().last() + puts.get(atmIndex).quote().last();
        double atmIv = calls.get(atmIndex).quote().iv();
        return new EnrichedChain(product, expiry, spot, strikes, round4(putOi / (double) callOi),
                round4(putVol / callVol), atm, Math.round(straddle * 100) / 100.0, maxPain, callOi, putOi, callOtm,
                putOtm, calls, puts, time, time.plusMillis(20), years, forward, atmIv, 0.012,
                forward * atmIv * Math.sqrt(years), 0, 0, new SviParams(0.0004, 0.01, -0.3, 0.0, 0.05, 0.001));
    }

    private static EnrichedQuote option(String product, LocalDate expiry, OptionType type, double spot, double k,
                                        double years, double iv, long oi, long volume, Instant time,
                                        double priceShift) {
        Greeks g = BlackScholesMerton.greeks(type, spot, k, years, RATE, 0, iv);
        double last = Math.max(0.05, Math.round(g.price() * 100) / 100.0 + priceShift);
        OptionQuote q = new OptionQuote(OptionSymbol.format(product, expiry, type, k), product, k, expiry, type,
                Math.round(last * 99.5) / 100.0, Math.round(last * 100.5) / 100.0, last, volume, oi, g.delta(),
                g.gamma(), g.vega(), g.theta(), iv, time);
        return new EnrichedQuote(q, g.rho(), 0, 0, Buildup.NEUTRAL);
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** A chain time: now, truncated to the wire's precision. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
