package io.deltastream.trading.feed;

import io.deltastream.market.product.Product;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.risk.MarketView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest quotes of the feed's instruments and the recent underlying prices. Thread-safe: written by the feed
 * subscriber, read by the engine and the HTTP routes.
 */
public final class MarketData {
    /** Underlying prices kept per product to find the final spot of an expiry. */
    private static final int SPOT_HISTORY = 4096;

    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Instant, Double>> spots = new ConcurrentHashMap<>();
    private final Clock clock;

    public MarketData(Clock clock) {
        this.clock = clock;
    }

    public void putQuote(String symbol, Quote quote) {
        quotes.put(symbol, quote);
    }

    public Optional<Quote> quote(String symbol) {
        return Optional.ofNullable(quotes.get(symbol));
    }

    /** Records an underlying price at {@code time}. */
    public void putSpot(String product, double price, Instant time) {
        NavigableMap<Instant, Double> history = spots.computeIfAbsent(product, p -> new TreeMap<>());
        synchronized (history) {
            history.put(time, price);
            while (history.size() > SPOT_HISTORY) {
                history.pollFirstEntry();
            }
        }
    }

    /** The latest underlying price of {@code product}. */
    public Optional<Double> spot(String product) {
        NavigableMap<Instant, Double> history = spots.get(product);
        if (history == null) {
            return Optional.empty();
        }
        synchronized (history) {
            return history.isEmpty() ? Optional.empty() : Optional.of(history.lastEntry().getValue());
        }
    }

    /** The last underlying price at or before {@code time} (the final spot of an expiry), else the latest. */
    public Optional<Double> spotAt(String product, Instant time) {
        NavigableMap<Instant, Double> history = spots.get(product);
        if (history == null) {
            return Optional.empty();
        }
        synchronized (history) {
            Map.Entry<Instant, Double> e = history.floorEntry(time);
            if (e == null) {
                e = history.firstEntry();
            }
            return e == null ? Optional.empty() : Optional.of(e.getValue());
        }
    }

    /** The price positions are marked at: the quote's mid, else its last, else none. */
    public Optional<Double> mark(Instrument i) {
        Quote q = quotes.get(i.symbol());
        if (q != null) {
            double m = q.mid();
            if (m > 0) {
                return Optional.of(m);
            }
        }
        return i.isOption() ? Optional.empty() : spot(i.product().name());
    }

    /**
     * Risk inputs as of now: live marks, the latest spot (the product's base price before any tick) and quote IVs.
     * Options are valued at the start of the current minute, so that per-instrument scenario values stay cached
     * within a minute.
     */
    public MarketView view() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return new MarketView() {
            @Override
            public double spot(Product product) {
                return spotOrBase(product);
            }

            @Override
            public double volatility(Instrument option) {
                Quote q = quotes.get(option.symbol());
                return q != null && q.iv() > 0 && q.iv() < 5 ? q.iv() : option.product().volatility();
            }

            @Override
            public Instant valuationTime() {
                return now;
            }

            @Override
            public Optional<Double> mark(Instrument instrument) {
                return MarketData.this.mark(instrument);
            }
        };
    }

    /** The spot, or the product's base price before the first tick. */
    public double spotOrBase(Product p) {
        return spot(p.name()).orElse(p.basePrice());
    }
}
