package io.deltastream.feed.synthetic;

import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.FeedProvider;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.quant.pricing.OptionType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code FEED_PROVIDER=synthetic}: every {@code FEED_INTERVAL}, for each product in universe order, an underlying
 * tick, {@code FEED_QUOTES} call/put pairs of the nearest expiry at random strikes, and every
 * {@code FEED_CHAIN_EVERY} intervals (staggered across products) the chains of all its listed expiries. Market times
 * run on a fixed grid from the start time ({@code start + n * interval}), so the output depends only on the seed and
 * the start time, and the feed catches up rather than drifts when it falls behind.
 */
public final class SyntheticProvider implements FeedProvider {
    private final List<ProductMarket> markets = new ArrayList<>();
    private final Duration interval;
    private final int quotePairs;
    private final int chainEvery;
    private final Pacer pacer;
    private final Instant start;
    private long loop;
    private long tickId;

    /**
     * @param quotePairs strikes per product and interval quoted individually (a call and a put each)
     * @param chainEvery chains of a product every this many intervals (1 = every interval)
     */
    public SyntheticProvider(ProductUniverse universe, SyntheticSettings settings, Duration interval, int quotePairs,
                             int chainEvery, Pacer pacer) {
        this.interval = interval;
        this.quotePairs = quotePairs;
        this.chainEvery = chainEvery;
        this.pacer = pacer;
        this.start = WireTime.truncate(pacer.now());
        universe.products().forEach(p -> markets.add(new ProductMarket(p, settings, start)));
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public Optional<List<FeedMessage>> next() throws InterruptedException {
        Instant due = start.plus(interval.multipliedBy(loop));
        pacer.sleepUntil(due);
        return Optional.of(generate(due));
    }

    /** The messages of the next interval at market time {@code time} (no pacing). */
    public List<FeedMessage> generate(Instant time) {
        List<FeedMessage> out = new ArrayList<>();
        for (int i = 0; i < markets.size(); i++) {
            ProductMarket m = markets.get(i);
            m.advance(time);
            out.add(new FeedMessage(MarketQueues.UNDERLYING, WireCodec.encode(m.tick(tickId++)), time));
            List<LocalDate> expiries = m.expiries();
            if (expiries.isEmpty()) {
                continue;
            }
            for (double k : m.randomStrikes(quotePairs)) {
                for (OptionType type : OptionType.values()) {
                    out.add(new FeedMessage(MarketQueues.OPTION_QUOTE,
                            WireCodec.encode(m.quote(expiries.getFirst(), k, type)), time));
                }
            }
            if ((loop + i) % chainEvery == 0) {
                for (LocalDate e : expiries) {
                    OptionChain chain = m.chain(e);
                    out.add(new FeedMessage(MarketQueues.OPTION_CHAIN, WireCodec.encode(chain), time));
                }
            }
        }
        loop++;
        return out;
    }

    List<ProductMarket> markets() {
        return markets;
    }
}
