package io.deltastream.bench.rest;

import io.deltastream.bus.Buses;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.store.StoredTick;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.UnderlyingTick;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds the embedded store and cache with what the worker-enricher writes — a minute of NIFTY ticks and chains of
 * 21 strikes (the reference's size) for four expiries, through the {@code libs/market} layouts — started as a
 * service so that it shares the store and bus of the services under load.
 */
final class BenchMarketData implements Service {
    static final int STRIKES_PER_SIDE = 10;

    @Override
    public String name() {
        return "bench-seed";
    }

    @Override
    public int defaultPort() {
        return 0;
    }

    @Override
    public void install(ServiceContext ctx) {
        DocumentStore store = Stores.open(ctx, MarketCollections.DATABASE, MarketCollections.SQLITE_PAGE_BYTES);
        MarketRetention r = MarketRetention.DEFAULTS;
        DocumentCollection ticks = store.collection(MarketCollections.underlyingTicks(r));
        DocumentCollection chains = store.collection(MarketCollections.optionChains(r));
        Cache cache = Buses.open(ctx).cache();
        Instant now = Instant.now();
        for (int i = 0; i < 60; i++) {
            Instant t = now.minusSeconds(60 - i);
            ticks.insert(StoredTick.toDocument(Documents.newId(), new UnderlyingTick("NIFTY", 21500 + i % 7, t, i),
                    t));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int e = 0; e < 4; e++) {
            LocalDate expiry = today.plusDays(2 + 7L * e);
            for (int k = 0; k < 12; k++) {
                EnrichedChain c = chain(expiry, 21500 + k, now.minusSeconds(60 - 5L * k), STRIKES_PER_SIDE);
                chains.insert(StoredChain.toDocument(Documents.newId(), c));
                if (k == 11) {
                    double score = System.currentTimeMillis();
                    cache.apply(new Effects()
                            .set(CacheKeys.latestChain("NIFTY", expiry), WireCodec.encode(c), CacheKeys.LATEST_TTL)
                            .set(CacheKeys.latestPcr("NIFTY", expiry), WireCodec.encodePcr(c), CacheKeys.LATEST_TTL)
                            .indexPut(CacheKeys.expiriesIndex("NIFTY"), expiry.toString(), score)
                            .indexPut(CacheKeys.PRODUCTS_INDEX, "NIFTY", score));
                }
            }
        }
    }

    /** A NIFTY chain of {@code 2 * strikesPerSide + 1} strikes 50 apart around the money, priced on a smile. */
    static EnrichedChain chain(LocalDate expiry, double spot, Instant time, int strikesPerSide) {
        double years = Duration.between(time, expiry.atTime(10, 0).toInstant(ZoneOffset.UTC)).toMinutes()
                / (365.0 * 24 * 60);
        double rate = 0.065;
        double forward = BlackScholesMerton.forward(spot, years, rate, 0);
        double atm = Math.round(spot / 50) * 50.0;
        int n = 2 * strikesPerSide + 1;
        double[] strikes = new double[n];
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        long callOi = 0;
        long putOi = 0;
        for (int i = 0; i < n; i++) {
            double k = atm + (i - strikesPerSide) * 50;
            strikes[i] = k;
            double m = Math.log(k / forward);
            double iv = 0.13 - 0.1 * m + 0.8 * m * m;
            long coi = 40_000 + 5_000L * Math.max(0, i - strikesPerSide);
            long poi = 38_000 + 6_000L * Math.max(0, strikesPerSide - i);
            calls.add(quote(expiry, OptionType.CALL, spot, k, years, rate, iv, coi, time));
            puts.add(quote(expiry, OptionType.PUT, spot, k, years, rate, iv, poi, time));
            callOi += coi;
            putOi += poi;
        }
        double straddle = calls.get(strikesPerSide).quote().last() + puts.get(strikesPerSide).quote().last();
        double atmIv = calls.get(strikesPerSide).quote().iv();
        return new EnrichedChain("NIFTY", expiry, spot, strikes, Math.round(putOi * 10_000.0 / callOi) / 10_000.0,
                0.95, atm, straddle, atm, callOi, putOi, callOi / 2, putOi / 2, calls, puts, time, time, years,
                forward, atmIv, 0.01, forward * atmIv * Math.sqrt(years), 0, 0, null);
    }

    private static EnrichedQuote quote(LocalDate expiry, OptionType type, double spot, double k, double years,
                                       double rate, double iv, long oi, Instant time) {
        Greeks g = BlackScholesMerton.greeks(type, spot, k, years, rate, 0, iv);
        double last = Math.max(0.05, Math.round(g.price() * 100) / 100.0);
        OptionQuote q = new OptionQuote(OptionSymbol.format("NIFTY", expiry, type, k), "NIFTY", k, expiry, type,
                last * 0.995, last * 1.005, last, 1000, oi, g.delta(), g.gamma(), g.vega(), g.theta(), iv, time);
        return new EnrichedQuote(q, g.rho(), 0, 0, Buildup.NEUTRAL);
    }
}
