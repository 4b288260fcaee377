package io.deltastream.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.trading.instrument.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarginCalculatorTest {
    static final ProductUniverse U = ProductUniverse.defaults();
    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    static final MarginParameters P = new MarginParameters(Set.of("NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "SPY",
            "QQQ"), 0.093, 0.142, 0.04, 0.10, 0.02, 0.035);

    static MarketView market(Map<String, Double> spots, double iv) {
        return new MarketView() {
            @Override
            public double spot(Product product) {
                return spots.getOrDefault(product.name(), product.basePrice());
            }

            @Override
            public double volatility(Instrument option) {
                return iv + (option.strike() % 7) * 0.001;
            }

            @Override
            public Instant valuationTime() {
                return NOW;
            }

            @Override
            public Optional<Double> mark(Instrument instrument) {
                return Optional.empty();
            }
        };
    }

    static Instrument option(String product, OptionType type, double strike, int expiryIndex) {
        Product p = U.get(product);
        LocalDate e = ExpiryCalendar.upcoming(p, NOW).get(expiryIndex);
        return new Instrument(io.deltastream.market.wire.OptionSymbol.format(product, e, type, strike), p, e, type,
                strike);
    }

    @Test
    void longOptionsNeedNoMarginAndANakedShortNeedsItsStressedPrice() {
        MarginCalculator c = new MarginCalculator(P);
        MarketView m = market(Map.of("NIFTY", 21500.0), 0.13);
        Instrument call = option("NIFTY", OptionType.CALL, 21500, 0);
        assertThat(c.margin(Map.of(call, 75L), m).total()).isZero();
        MarginCalculator.Margin shortCall = c.margin(Map.of(call, -75L), m);
        // The worst scenario for a short call: price up a full range with volatility up, or the extreme move (three
        // ranges up, 35% of its change counted).
        double years = ExpiryCalendar.yearsToExpiry(call.product(), call.expiry(), NOW);
        double iv = m.volatility(call);
        OptionType ct = OptionType.CALL;
        double stressed = BlackScholesMerton.price(ct, 21500 * 1.093, 21500, years, 0.065, 0.012,
                iv + Math.max(0.04, 0.25 * iv));
        double base = BlackScholesMerton.price(ct, 21500, 21500, years, 0.065, 0.012, iv);
        double extreme = base + 0.35 * (BlackScholesMerton.price(ct, 21500 * (1 + 3 * 0.093), 21500, years, 0.065,
                0.012, iv) - base);
        assertThat(shortCall.span()).isCloseTo(75 * Math.max(stressed, extreme), within(1e-6));
        assertThat(shortCall.exposure()).isCloseTo(75 * 21500 * 0.02, within(1e-6));
    }

    @Test
    void aSpreadNeedsLessThanItsShortLeg() {
        MarginCalculator c = new MarginCalculator(P);
        MarketView m = market(Map.of(), 0.13);
        Instrument shortLeg = option("NIFTY", OptionType.CALL, 21500, 0);
        Instrument longLeg = option("NIFTY", OptionType.CALL, 21700, 0);
        double naked = c.margin(Map.of(shortLeg, -75L), m).span();
        double spread = c.margin(Map.of(shortLeg, -75L, longLeg, 75L), m).span();
        assertThat(spread).isLessThan(naked);
        assertThat(spread).isLessThanOrEqualTo(75 * 200.0 + 1e-6);
    }

    @Test
    void randomizedAgainstTheOracle() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> products = List.of("NIFTY", "BANKNIFTY", "AAPL", "SPY");
        for (int run = 0; run < 150; run++) {
            MarginCalculator c = new MarginCalculator(P);
            Map<String, Double> spots = new LinkedHashMap<>();
            for (String p : products) {
                spots.put(p, U.get(p).basePrice() * (0.9 + rnd.nextDouble() * 0.2));
            }
            MarketView m = market(spots, 0.08 + rnd.nextDouble() * 0.4);
            Map<Instrument, Long> positions = new LinkedHashMap<>();
            int n = 1 + rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                String p = products.get(rnd.nextInt(products.size()));
                Product prod = U.get(p);
                long q = (rnd.nextInt(7) - 3) * (long) prod.lotSize();
                if (rnd.nextInt(5) == 0) {
                    positions.merge(new Instrument(p, prod, null, null, 0), q, Long::sum);
                    continue;
                }
                double atm = Math.rint(spots.get(p) / prod.strikeInterval()) * prod.strikeInterval();
                double strike = atm + (rnd.nextInt(9) - 4) * prod.strikeInterval();
                positions.merge(option(p, rnd.nextBoolean() ? OptionType.CALL : OptionType.PUT, strike, rnd.nextInt(2)),
                        q, Long::sum);
            }
            double fast = c.margin(positions, m).total();
            // Twice: the second call is served from the scenario cache.
            assertThat(c.margin(positions, m).total()).isEqualTo(fast);
            assertThat(fast).as("run %d %s", run, positions).isCloseTo(MarginOracle.margin(positions, m, P),
                    within(1e-6 * Math.max(1, fast)));
        }
    }
}
