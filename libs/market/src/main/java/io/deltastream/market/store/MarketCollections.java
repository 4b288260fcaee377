package io.deltastream.market.store;

import io.deltastream.store.CollectionSpec;
import java.util.List;

/**
 * The market-data collections (in the {@code market} database): names, queryable fields and indexes. Writers and
 * readers open them with the same specs, built from the same {@link MarketRetention}. All are
 * {@link CollectionSpec#compact() compact}: millions of small rows a day, where keeping {@code _id}, time and keys
 * once rather than twice saves a third of a quote or tick row (measured: docs/performance.md, "Market scale").
 *
 * <ul>
 *   <li>{@code underlying_ticks} — {@link StoredTick}; latest ticks of a product, time ranges.</li>
 *   <li>{@code option_quotes} — {@link StoredQuote}; latest quotes of a symbol or a product.</li>
 *   <li>{@code option_chains} — {@link StoredChain} (compact columns); latest chain of a product and expiry,
 *       distinct expiries, history.</li>
 *   <li>{@code candles} — {@link StoredCandle}; candle history of a product and window, one document per bucket.</li>
 * </ul>
 */
public final class MarketCollections {
    public static final String UNDERLYING_TICKS = "underlying_ticks";
    public static final String OPTION_QUOTES = "option_quotes";
    public static final String OPTION_CHAINS = "option_chains";
    public static final String CANDLES = "candles";
    /** The logical database holding them (the SQLite file name in embedded mode). */
    public static final String DATABASE = "market";
    /**
     * The page size of a new SQLite market file, bytes. Chain rows are 2.5–6 KB: with SQLite's 4 KB pages each takes a
     * page of its own and leaves the rest empty (4.3 KB a row on disk for 2.7 KB of data); 32 KB pages pack them
     * (3.2 KB a row). Larger pages gained nothing more.
     */
    public static final int SQLITE_PAGE_BYTES = 32_768;

    private MarketCollections() {
    }

    public static CollectionSpec underlyingTicks(MarketRetention retention) {
        return CollectionSpec.builder(UNDERLYING_TICKS)
                .time("timestamp")
                .fields("product", "tick_id")
                .indexWithTime("product")
                .compact()
                .ttl(retention.ticks())
                .build();
    }

    public static CollectionSpec optionQuotes(MarketRetention retention) {
        // The one query is by symbol: product and expiry (in the symbol anyway) and the reference's product index,
        // which nothing queried, cost ~15% of each row. Files written before keep those columns and that index; new
        // rows leave them empty.
        return CollectionSpec.builder(OPTION_QUOTES)
                .time("timestamp")
                .fields("symbol")
                .indexWithTime("symbol")
                .bytes(StoredQuote.BYTES)
                .compact()
                .ttl(retention.quotes())
                .build();
    }

    public static CollectionSpec optionChains(MarketRetention retention) {
        return CollectionSpec.builder(OPTION_CHAINS)
                .time("timestamp")
                .fields("product", "expiry")
                .indexWithTime("product", "expiry")
                .indexWithTime("product")
                .bytes(StoredChain.BLOB)
                .compact()
                .ttl(retention.chains())
                .build();
    }

    public static CollectionSpec candles(MarketRetention retention) {
        return CollectionSpec.builder(CANDLES)
                .time("start_time")
                .fields("product", "window_minutes", "bucket")
                .unique("product", "window_minutes", "bucket")
                .indexWithTime("product", "window_minutes")
                .compact()
                .ttl(retention.candles())
                .build();
    }

    public static List<CollectionSpec> all(MarketRetention retention) {
        return List.of(underlyingTicks(retention), optionQuotes(retention), optionChains(retention), candles(retention));
    }
}
