package io.deltastream.enricher;

import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The market-data collections the enricher writes, opened with their indexes, and retention pruning.
 */
record MarketStore(DocumentCollection ticks, DocumentCollection quotes, DocumentCollection chains,
                   DocumentCollection candles, MarketRetention retention) {

    static MarketStore open(DocumentStore store, MarketRetention retention) {
        return new MarketStore(store.collection(MarketCollections.underlyingTicks(retention)),
                store.collection(MarketCollections.optionQuotes(retention)),
                store.collection(MarketCollections.optionChains(retention)),
                store.collection(MarketCollections.candles(retention)), retention);
    }

    /** Deletes documents older than each collection's retention; returns the counts by collection. */
    Map<String, Long> prune(Clock clock) {
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put(MarketCollections.UNDERLYING_TICKS, ticks.deleteOlderThan(now.minus(retention.ticks())));
        deleted.put(MarketCollections.OPTION_QUOTES, quotes.deleteOlderThan(now.minus(retention.quotes())));
        deleted.put(MarketCollections.OPTION_CHAINS, chains.deleteOlderThan(now.minus(retention.chains())));
        deleted.put(MarketCollections.CANDLES, candles.deleteOlderThan(now.minus(retention.candles())));
        return deleted;
    }
}
