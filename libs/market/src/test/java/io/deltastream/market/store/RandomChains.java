package io.deltastream.market.store;

import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.SviParams;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Enriched chains with random values, including NaN, extremes, odd quote times and no smile. */
final class RandomChains {
    private final SplittableRandom random;

    RandomChains(long seed) {
        this.random = new SplittableRandom(seed);
    }

    EnrichedChain next(String product, LocalDate expiry, Instant time, int strikes) {
        double spot = 100 + random.nextDouble() * 50_000;
        double interval = new double[] {0.5, 2.5, 50, 100}[random.nextInt(4)];
        double[] k = new double[strikes];
        for (int i = 0; i < strikes; i++) {
            k[i] = Math.rint(spot / interval + i - strikes / 2.0) * interval;
        }
        boolean ownTimes = random.nextInt(4) == 0;
        List<EnrichedQuote> calls = side(product, expiry, OptionType.CALL, k, time, ownTimes);
        List<EnrichedQuote> puts = side(product, expiry, OptionType.PUT, k, time, false);
        SviParams smile = random.nextBoolean() ? null : new SviParams(value(), value(), value(), value(), value(), value());
        return new EnrichedChain(product, expiry, spot, k, value(), value(), k[strikes / 2], value(), k[0],
                random.nextLong(1 << 40), random.nextLong(1 << 40), random.nextLong(), random.nextLong(), calls, puts, time,
                time.plusNanos(random.nextLong(5_000_000_000L)), value(), value(), value(), value(), value(),
                random.nextLong(), random.nextLong(), smile);
    }

    private List<EnrichedQuote> side(String product, LocalDate expiry, OptionType type, double[] k, Instant time,
                                     boolean ownTimes) {
        List<EnrichedQuote> out = new ArrayList<>();
        Buildup[] kinds = Buildup.values();
        for (double strike : k) {
            double bid = Math.rint(random.nextDouble() * 2000) * 0.05;
            Instant t = ownTimes ? time.minusNanos(random.nextLong(10_000_000_000L)) : time;
            OptionQuote q = new OptionQuote(OptionSymbol.format(product, expiry, type, strike), product, strike, expiry,
                    type, bid, bid + 0.05 * (1 + random.nextInt(20)), value(), random.nextLong(1L << 50),
                    random.nextLong(1L << 50), value(), value(), value(), value(), value(), t);
            out.add(new EnrichedQuote(q, value(), random.nextLong() >> random.nextInt(64), value(),
                    kinds[random.nextInt(kinds.length)]));
        }
        return out;
    }

    /** Mostly ordinary numbers, sometimes NaN, an infinity, zero, negative zero or a subnormal. */
    private double value() {
        return switch (random.nextInt(20)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> random.nextBoolean() ? 0.0 : -0.0;
            case 3 -> Double.MIN_VALUE * random.nextInt(1000);
            default -> (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(-6, 7));
        };
    }
}
