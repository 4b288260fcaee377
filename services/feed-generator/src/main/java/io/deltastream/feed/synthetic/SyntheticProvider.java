package io.deltastream.feed.synthetic;

import io.deltastream.feed.provider.FeedMessage;
import io.deltastream.feed.provider.FeedProvider;
import io.deltastream.feed.provider.Pacer;
import io.deltastream.market.product.ProductUniverse;
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
 * {@code FEED_CHAIN_EVERY} intervals (staggered across products) the chains of all its listed expiries. The products
 * of an interval are spread evenly over it, product {@code i} of {@code n} at {@code start + loop * interval + i *
 * interval / n}, as a real market's updates arrive: emitting the whole universe at the top of each interval would
 * make the last product of the burst wait for the whole burst to be processed (with the 190 products of
 * {@code nse-fo}, most of a second). Market times run on that fixed grid from the start time, so the output depends
 * only on the seed and the start time, and the feed catches up rather than drifts when it falls behind.
 */
public final class SyntheticProvider implements FeedProvider {
    private final List<ProductMarket> markets = new ArrayList<>();
    private final Duration interval;
    private final int quotePairs;
    private final int chainEvery;
    private final Pacer pacer;
    private final Instant start;
    private long loop;
    private int nextProduct;
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

    /** The messages of the next product of the interval, at its place on the grid (see the class comment). */
    @Override
    public Optional<List<FeedMessage>> next() throws InterruptedException {
        Duration offset = interval.multipliedBy(nextProduct).dividedBy(markets.size());
        Instant due = WireTime.truncate(start.plus(interval.multipliedBy(loop)).plus(offset));
        pacer.sleepUntil(due);
        List<FeedMessage> out = new ArrayList<>();
        generate(nextProduct, due, out);
        if (++nextProduct == markets.size()) {
            nextProduct = 0;
            loop++;
        }
        return Optional.of(out);
    }

    /** The messages of every product for the next interval, all at market time {@code time} (no pacing). */
    public List<FeedMessage> generate(Instant time) {
        List<FeedMessage> out = new ArrayList<>();
        for (int i = 0; i < markets.size(); i++) {
            generate(i, time, out);
        }
        loop++;
        return out;
    }

    private void generate(int product, Instant time, List<FeedMessage> out) {
        ProductMarket m = markets.get(product);
        m.advance(time);
        out.add(FeedMessage.of(m.tick(tickId++)));
        List<LocalDate> expiries = m.expiries();
        if (expiries.isEmpty()) {
            return;
        }
        for (double k : m.randomStrikes(quotePairs)) {
            for (OptionType type : OptionType.values()) {
                out.add(FeedMessage.of(m.quote(expiries.getFirst(), k, type)));
            }
        }
        if ((loop + product) % chainEvery == 0) {
            for (LocalDate e : expiries) {
                out.add(FeedMessage.of(m.chain(e)));
            }
        }
    }

    List<ProductMarket> markets() {
        return markets;
    }
}
