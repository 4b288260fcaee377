package io.deltastream.market.wire;

import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small, hand-made wire records for codec and layout tests. */
public final class WireSamples {
    public static final Instant T = Instant.parse("2026-11-23T16:14:09.003260Z");
    public static final LocalDate EXPIRY = LocalDate.of(2026, 11, 26);

    private WireSamples() {
    }

    public static OptionQuote quote(OptionType type, double strike, double bid, double ask, long volume, long oi) {
        return new OptionQuote(OptionSymbol.format("NIFTY", EXPIRY, type, strike), "NIFTY", strike, EXPIRY, type, bid,
                ask, Math.round((bid + ask) * 10) / 20.0, volume, oi, type == OptionType.CALL ? 0.5 : -0.5, 0.0004,
                11.88, -12.5, 0.1523, T);
    }

    public static OptionChain chain() {
        double[] strikes = {21450, 21500, 21550};
        List<OptionQuote> calls = new ArrayList<>();
        List<OptionQuote> puts = new ArrayList<>();
        for (int i = 0; i < strikes.length; i++) {
            calls.add(quote(OptionType.CALL, strikes[i], 120 - 40 * i, 121 - 40 * i, 1000 + i, 50_000 + i));
            puts.add(quote(OptionType.PUT, strikes[i], 60 + 40 * i, 61 + 40 * i, 900 + i, 40_000 + i));
        }
        return new OptionChain("NIFTY", EXPIRY, 21503.1, strikes, calls, puts, T);
    }

    public static EnrichedChain enriched() {
        OptionChain c = chain();
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        Buildup[] kinds = Buildup.values();
        for (int i = 0; i < c.strikes().length; i++) {
            OptionQuote call = c.calls().get(i);
            calls.add(new EnrichedQuote(i == 2 ? call.withModel(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : call, 1.25, 10 * i, 0.5 * i, kinds[i]));
            puts.add(new EnrichedQuote(c.puts().get(i), -1.1, -5 * i, -0.05, kinds[kinds.length - 1 - i]));
        }
        return new EnrichedChain("NIFTY", EXPIRY, 21503.1, c.strikes(), 0.8274, 0.8403, 21500, 178.5, 21450,
                150_003, 120_003, 50_002, 40_000, calls, puts, T, T.plusMillis(3), 0.0075, 21510.2, 0.1512, 0.021,
                276.4, 30, -15, new SviParams(0.0001, 0.02, -0.4, 0.01, 0.05, 0.0012));
    }
}
