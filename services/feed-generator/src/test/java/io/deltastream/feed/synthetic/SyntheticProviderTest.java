package io.deltastream.feed.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.volatility.ImpliedVol;
import io.deltastream.quant.volatility.ImpliedVolSolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticProviderTest {
    /** A Wednesday during Indian and US trading hours' overlap-free morning (05:00 UTC). */
    private static final Instant START = Instant.parse("2026-11-25T05:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private static SyntheticProvider provider(long seed, int strikes, String... products) {
        ProductUniverse universe = products.length == 0 ? ProductUniverse.defaults()
                : ProductUniverse.defaults().only(List.of(products));
        return new SyntheticProvider(universe, new SyntheticSettings(seed, strikes, 0, 0, 0.02), INTERVAL, 3, 5,
                new Pacer(Clock.fixed(START, ZoneOffset.UTC)));
    }

    private static List<FeedMessage> run(SyntheticProvider p, int loops) {
        List<FeedMessage> all = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            all.addAll(p.generate(START.plus(INTERVAL.multipliedBy(i))));
        }
        return all;
    }

    private static List<OptionChain> chains(List<FeedMessage> messages) throws MalformedMessageException {
        List<OptionChain> out = new ArrayList<>();
        for (FeedMessage m : messages) {
            if (m.queue().equals(MarketQueues.OPTION_CHAIN)) {
                out.add(WireCodec.decodeChain(m.payload()));
            }
        }
        return out;
    }

    /** Records when the provider asks to be woken instead of sleeping. */
    private static final class RecordingPacer extends Pacer {
        final List<Instant> dues = new ArrayList<>();

        RecordingPacer() {
            super(Clock.fixed(START, ZoneOffset.UTC));
        }

        @Override
        public void sleepUntil(Instant due) {
            dues.add(due);
        }
    }

    @Test
    void theProductsOfAnIntervalAreSpreadEvenlyOverItOneAtATime() throws Exception {
        RecordingPacer pacer = new RecordingPacer();
        SyntheticProvider p = new SyntheticProvider(ProductUniverse.defaults(),
                new SyntheticSettings(1, 21, 0, 0, 0.02), INTERVAL, 3, 1, pacer);
        List<String> names = ProductUniverse.defaults().names();
        for (int i = 0; i < 2 * names.size(); i++) {
            List<FeedMessage> batch = p.next().orElseThrow();
            Instant due = START.plus(INTERVAL.multipliedBy(i).dividedBy(names.size()));
            assertThat(pacer.dues.getLast()).isEqualTo(due);
            assertThat(batch).extracting(FeedMessage::time).containsOnly(due);
            FeedMessage tick = batch.getFirst();
            assertThat(tick.queue()).isEqualTo(MarketQueues.UNDERLYING);
            assertThat(WireCodec.decodeTick(tick.payload()).product()).isEqualTo(names.get(i % names.size()));
        }
    }

    @Test
    void chainsAreSnapshotsOfTheirProductAndExpiryAndNothingIsEncodedBeforeItIsAskedFor() throws Exception {
        List<FeedMessage> messages = provider(1, 21, "NIFTY").generate(START);
        assertThat(messages).allMatch(m -> !m.body().encoded());
        for (FeedMessage m : messages) {
            if (m.queue().equals(MarketQueues.OPTION_CHAIN)) {
                OptionChain c = m.body().as(OptionChain.class, WireCodec::decodeChain);
                assertThat(m.snapshotOf()).isEqualTo("NIFTY:" + c.expiry());
                assertThat(m.message("run-1").snapshotOf()).isEqualTo(m.snapshotOf());
                assertThat(WireCodec.decodeChain(m.payload()).strikes()).containsExactly(c.strikes());
            } else {
                assertThat(m.snapshotOf()).isNull();
                assertThat(m.message("run-2").snapshotOf()).isNull();
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedAnotherOne() {
        List<String> a = run(provider(7, 21), 30).stream().map(FeedMessage::payload).toList();
        List<String> b = run(provider(7, 21), 30).stream().map(FeedMessage::payload).toList();
        List<String> c = run(provider(8, 21), 30).stream().map(FeedMessage::payload).toList();
        assertThat(a).isEqualTo(b);
        assertThat(c).hasSameSizeAs(a).isNotEqualTo(a);
    }

    @Test
    void everyProductTicksEveryIntervalWithQuotesAndChainsOfAllExpiriesEveryFifthInterval() throws Exception {
        List<FeedMessage> messages = run(provider(1, 21), 10);
        Map<String, Integer> perQueue = new HashMap<>();
        messages.forEach(m -> perQueue.merge(m.queue(), 1, Integer::sum));
        assertThat(perQueue.get(MarketQueues.UNDERLYING)).isEqualTo(80);
        assertThat(perQueue.get(MarketQueues.OPTION_QUOTE)).isEqualTo(80 * 6);
        List<OptionChain> chains = chains(messages);
        Map<String, java.util.Set<LocalDate>> expiries = new HashMap<>();
        chains.forEach(ch -> expiries.computeIfAbsent(ch.product(), k -> new java.util.TreeSet<>()).add(ch.expiry()));
        assertThat(expiries).hasSize(8);
        // NIFTY lists 4 weeklies and 3 monthlies; the nearest monthly can coincide with a weekly.
        assertThat(expiries.get("NIFTY").size()).isBetween(5, 7);
        assertThat(chains).allSatisfy(ch -> assertThat(ch.strikes()).hasSize(21));
    }

    @Test
    void quotesSitOnTheTickGridWithSpreadsWideningAwayFromTheMoneyAndPricesFromTheSurface() throws Exception {
        SyntheticProvider p = provider(3, 21, "NIFTY");
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        List<OptionChain> chains = chains(run(p, 6));
        OptionChain chain = chains.getFirst();
        double[] k = chain.strikes();
        assertThat(k[10]).isCloseTo(chain.spotPrice(), within(nifty.strikeInterval()));
        double years = ExpiryCalendar.yearsToExpiry(nifty, chain.expiry(), chain.timestamp());
        double forward = chain.spotPrice() * Math.exp((nifty.rate() - nifty.dividendYield()) * years);
        for (int i = 0; i < k.length; i++) {
            for (OptionQuote q : List.of(chain.calls().get(i), chain.puts().get(i))) {
                assertThat(q.bid()).isLessThan(q.ask());
                assertThat(onTick(q.bid(), nifty.tickSize()) && onTick(q.ask(), nifty.tickSize())
                        && onTick(q.last(), nifty.tickSize())).as(q.symbol()).isTrue();
                // The mid's implied vol (independent solver, from the quote only) is the surface's vol.
                if (q.ask() - q.bid() < 0.1 * q.mid() && q.mid() > 5) {
                    ImpliedVol iv = ImpliedVolSolver.bsm(q.optionType(), q.mid(), chain.spotPrice(), q.strike(), years,
                            nifty.rate(), nifty.dividendYield());
                    assertThat(iv.volatility()).as(q.symbol()).isCloseTo(q.iv(), within(0.01));
                }
            }
        }
        OptionQuote atmCall = chain.calls().get(10);
        OptionQuote farCall = chain.calls().get(20);
        OptionQuote farPut = chain.puts().get(0);
        assertThat(relativeSpread(farCall)).isGreaterThan(relativeSpread(atmCall));
        // Equity skew: the deep out-of-the-money put is dearer in vol than the ATM and the OTM call.
        assertThat(farPut.iv()).isGreaterThan(chain.puts().get(10).iv());
        assertThat(farPut.iv()).isGreaterThan(farCall.iv());
        assertThat(forward).isPositive();
    }

    @Test
    void volumeAccumulatesAndOpenInterestEvolvesInsteadOfBeingRedrawn() throws Exception {
        SyntheticProvider p = provider(5, 21, "NIFTY");
        List<OptionChain> chains = chains(run(p, 200));
        LocalDate expiry = chains.getFirst().expiry();
        Map<String, Long> volume = new HashMap<>();
        Map<String, Long> oi = new HashMap<>();
        int oiMoves = 0;
        for (OptionChain c : chains) {
            if (!c.expiry().equals(expiry)) {
                continue;
            }
            for (OptionQuote q : c.calls()) {
                Long before = volume.put(q.symbol(), q.volume());
                if (before != null) {
                    assertThat(q.volume()).as(q.symbol()).isGreaterThanOrEqualTo(before);
                }
                Long oiBefore = oi.put(q.symbol(), q.openInterest());
                if (oiBefore != null) {
                    assertThat(Math.abs(q.openInterest() - oiBefore)).isLessThan(oiBefore / 5 + 1000);
                    oiMoves += q.openInterest() != oiBefore ? 1 : 0;
                }
            }
        }
        assertThat(oiMoves).isGreaterThan(20);
    }

    @Test
    void chainsOf101StrikesWork() throws Exception {
        List<OptionChain> chains = chains(run(provider(9, 101, "BANKNIFTY", "AAPL"), 5));
        assertThat(chains).isNotEmpty();
        for (OptionChain c : chains) {
            // AAPL's grid of 101 strikes 5 apart would reach below zero: only positive strikes are listed.
            assertThat(c.strikes().length).isEqualTo(c.product().equals("BANKNIFTY") ? 101 : 87);
            for (OptionQuote q : c.calls()) {
                assertThat(q.ask() > q.bid()).as(q.symbol()).isTrue();
            }
        }
    }

    @Test
    void theBookOfTrackedContractsStaysBoundedAsTheSpotWanders() {
        SyntheticProvider p = provider(11, 21, "TSLA");
        run(p, 3000);
        ProductMarket m = p.markets().getFirst();
        assertThat(m.contracts()).isLessThan(10 * 3 * 21 * 2);
    }

    @Test
    void jumpsFattenTheTailsOfTheSpotReturns() {
        double calm = maxAbsLogReturn(0);
        double jumpy = maxAbsLogReturn(3e6);
        // One second of 13% annual vol is ~2e-5; jumps of 5% standard deviation dwarf it.
        assertThat(calm).isLessThan(0.001);
        assertThat(jumpy).isGreaterThan(0.02);
    }

    private static double maxAbsLogReturn(double jumpsPerYear) {
        ProductMarket m = new ProductMarket(ProductUniverse.defaults().get("NIFTY"),
                new SyntheticSettings(2, 21, 0, jumpsPerYear, 0.05), START);
        double max = 0;
        double previous = m.spot();
        for (int i = 1; i <= 300; i++) {
            m.advance(START.plusSeconds(i));
            max = Math.max(max, Math.abs(Math.log(m.spot() / previous)));
            previous = m.spot();
        }
        return max;
    }

    @Test
    void cumulativeVolumeRestartsWithTheExchangesTradingDay() {
        // 18:29:30 UTC is 23:59:30 in India: the session changes during the run.
        Instant start = Instant.parse("2026-11-25T18:29:30Z");
        ProductMarket m = new ProductMarket(ProductUniverse.defaults().get("NIFTY"), SyntheticSettings.defaults(3), start);
        LocalDate expiry = m.expiries().getFirst();
        double strike = m.chain(expiry).strikes()[10];
        long before = 0;
        for (int i = 1; i <= 25; i++) {
            m.advance(start.plusSeconds(i));
            before = m.quote(expiry, strike, OptionType.CALL).volume();
        }
        m.advance(start.plusSeconds(40));
        long after = m.quote(expiry, strike, OptionType.CALL).volume();
        assertThat(before).isGreaterThan(100);
        assertThat(after).isLessThan(before);
    }

    private static boolean onTick(double price, double tick) {
        double n = price / tick;
        return Math.abs(n - Math.rint(n)) < 1e-6;
    }

    private static double relativeSpread(OptionQuote q) {
        return (q.ask() - q.bid()) / q.mid();
    }
}
