package io.deltastream.trading.feed;

import io.deltastream.bus.Bus;
import io.deltastream.bus.Payload;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.live.PublishedChain;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.WireCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the simulator from the pipeline: enriched chains (option quotes) and enriched underlyings (spot) from the
 * bus topics, and at start the latest of both from the cache. Each message updates {@link MarketData}, then hands
 * the changed symbols to {@code onChange} (the engine's re-evaluation).
 */
public final class FeedSubscriber implements TopicListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscriber.class);

    private final MarketData market;
    private final ProductUniverse universe;
    private final double underlyingSpreadBps;
    private final Consumer<List<String>> onChange;
    private TopicSubscription subscription;

    public FeedSubscriber(MarketData market, ProductUniverse universe, double underlyingSpreadBps,
                          Consumer<List<String>> onChange) {
        this.market = market;
        this.universe = universe;
        this.underlyingSpreadBps = underlyingSpreadBps;
        this.onChange = onChange;
    }

    /** Loads the cached latest data (no re-evaluation: nothing trades yet). */
    public void warmStart(Bus bus) {
        LiveChains live = LiveChains.cached(bus.cache(), Clock.systemUTC());
        for (Product p : universe.products()) {
            bus.cache().get(CacheKeys.latestUnderlying(p.name())).ifPresent(text -> decodeUnderlying(text));
            live.latestOfLiveExpiries(p.name()).forEach(this::applyChain);
        }
    }

    public void subscribe(Bus bus) {
        subscription = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN,
                MarketTopics.ENRICHED_UNDERLYING), this);
    }

    @Override
    public void onMessage(String topic, String payload) {
        onMessage(topic, Payload.text(payload));
    }

    /** In embedded mode a chain arrives as the worker's object ({@link PublishedChain}): nothing to decode. */
    @Override
    public void onMessage(String topic, Payload body) {
        List<String> changed = switch (topic) {
            case MarketTopics.ENRICHED_OPTION_CHAIN -> decodeChain(body);
            case MarketTopics.ENRICHED_UNDERLYING -> decodeUnderlying(body.text());
            default -> List.of();
        };
        if (!changed.isEmpty()) {
            onChange.accept(changed);
        }
    }

    private List<String> decodeChain(Payload body) {
        EnrichedChain chain;
        try {
            chain = PublishedChain.read(body).chain();
        } catch (MalformedMessageException e) {
            LOG.warn("ignoring malformed enriched chain: {}", e.getMessage());
            return List.of();
        }
        return applyChain(chain);
    }

    private List<String> applyChain(EnrichedChain chain) {
        if (universe.find(chain.product()).isEmpty()) {
            return List.of();
        }
        List<String> changed = new ArrayList<>(chain.calls().size() * 2);
        if (chain.spotPrice() > 0) {
            market.putSpot(chain.product(), chain.spotPrice(), chain.timestamp());
        }
        for (List<EnrichedQuote> side : List.of(chain.calls(), chain.puts())) {
            for (EnrichedQuote eq : side) {
                OptionQuote q = eq.quote();
                market.putQuote(q.symbol(), new Quote(q.bid(), q.ask(), q.last(), q.iv(), q.timestamp()));
                changed.add(q.symbol());
            }
        }
        return changed;
    }

    private List<String> decodeUnderlying(String payload) {
        EnrichedUnderlying u;
        try {
            u = WireCodec.decodeEnrichedUnderlying(payload);
        } catch (MalformedMessageException e) {
            LOG.warn("ignoring malformed enriched underlying: {}", e.getMessage());
            return List.of();
        }
        Optional<Product> product = universe.find(u.product());
        if (product.isEmpty() || !(u.price() > 0)) {
            return List.of();
        }
        market.putSpot(u.product(), u.price(), u.timestamp());
        market.putQuote(u.product(), underlyingQuote(product.get(), u.price(), u.timestamp()));
        return List.of(u.product());
    }

    /** An underlying's synthetic quote: the price with a spread of {@code underlyingSpreadBps}, on ticks. */
    Quote underlyingQuote(Product p, double price, Instant time) {
        double half = price * underlyingSpreadBps / 2e4;
        double tick = p.tickSize();
        double bid = Math.floor((price - half) / tick + 1e-9) * tick;
        double ask = Math.ceil((price + half) / tick - 1e-9) * tick;
        if (ask <= bid) {
            ask = bid + tick;
        }
        return new Quote(Math.rint(bid * 1e8) / 1e8, Math.rint(ask * 1e8) / 1e8, price, Double.NaN, time);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
