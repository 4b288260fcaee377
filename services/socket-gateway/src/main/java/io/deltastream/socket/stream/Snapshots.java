package io.deltastream.socket.stream;

import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.live.LiveChains;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.socket.delivery.Outgoing;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached latest data a client gets when it subscribes, in the same shape and with the same latest-value keys
 * as the live events, so that a snapshot older than what the client already has is dropped rather than shown.
 */
public final class Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private final Cache cache;
    private final LiveChains liveChains;

    public Snapshots(Cache cache, LiveChains liveChains) {
        this.cache = cache;
        this.liveChains = liveChains;
    }

    /** The product's latest enriched underlying as {@code underlying_update}, if cached. */
    public Optional<Outgoing> underlying(String product) {
        Optional<String> cached = cache.get(CacheKeys.latestUnderlying(product));
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MarketMessages.underlyingUpdate(WireCodec.decodeEnrichedUnderlying(cached.get()),
                    System.nanoTime()));
        } catch (MalformedMessageException e) {
            LOG.warn("unreadable cached underlying of {}: {}", product, e.getMessage());
            return Optional.empty();
        }
    }

    /** The product's latest chain of every live expiry as {@code chain_update}, nearest expiry first. */
    public List<Outgoing> chains(String product) {
        long now = System.nanoTime();
        return liveChains.latestOfLiveExpiries(product).stream()
                .map(c -> MarketMessages.chainUpdate(c, WireCodec.encode(c), now)).toList();
    }

    /**
     * The product's latest chain of every live expiry as {@code chain_summary}, nearest expiry first: what a
     * product-room subscriber (an overview of every product) needs without receiving whole chains.
     */
    public List<Outgoing> summaries(String product) {
        long now = System.nanoTime();
        return liveChains.latestOfLiveExpiries(product).stream()
                .map(c -> MarketMessages.chainSummary(c, now)).toList();
    }
}
