package io.deltastream.socket.stream;

import io.deltastream.bus.Cache;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.product.ProductUniverse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which products exist: the configured universe plus any product the enricher has fresh data for (from the cache's
 * product index, never {@code KEYS}).
 */
public final class MarketCatalog {
    private final Cache cache;
    private final ProductUniverse universe;
    private final Clock clock;

    public MarketCatalog(Cache cache, ProductUniverse universe, Clock clock) {
        this.cache = cache;
        this.universe = universe;
        this.clock = clock;
    }

    /**
     * The products with data updated within {@link CacheKeys#LATEST_TTL}, in the universe's order, then any others
     * by name.
     */
    public List<String> liveProducts() {
        Set<String> live = new LinkedHashSet<>(cache.indexMembers(CacheKeys.PRODUCTS_INDEX, freshSinceMillis()));
        List<String> ordered = new ArrayList<>();
        for (String p : universe.names()) {
            if (live.remove(p)) {
                ordered.add(p);
            }
        }
        ordered.addAll(live);
        return ordered;
    }

    /** True for a product of the universe or one with live data. */
    public boolean known(String symbol) {
        return universe.find(symbol).isPresent() || liveProducts().contains(symbol);
    }

    private double freshSinceMillis() {
        return clock.millis() - CacheKeys.LATEST_TTL.toMillis();
    }
}
