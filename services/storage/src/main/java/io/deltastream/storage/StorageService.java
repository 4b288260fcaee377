package io.deltastream.storage;

import io.deltastream.bus.Buses;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Stores;
import java.time.Duration;

/**
 * Read API over stored market data (the reference's storage service): underlying ticks, option quotes, option
 * chains, products, expiries, plus candle and volatility-surface history. It writes nothing: the enricher's
 * latest-chain cache entries are read, never filled (the enricher is their one writer).
 */
public final class StorageService implements Service {
    public static final String NAME = "storage";
    /** Variable: how long a rendered latest chain is reused in-process, milliseconds (0 = never). */
    public static final String MEMO_VARIABLE = "STORAGE_LATEST_MEMO_MS";
    static final int DEFAULT_MEMO_MS = 250;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8003;
    }

    @Override
    public void install(ServiceContext ctx) {
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        MarketRetention retention = MarketRetention.from(ctx.env());
        DocumentStore store = Stores.open(ctx, MarketCollections.DATABASE, MarketCollections.SQLITE_PAGE_BYTES);
        Duration memo = Duration.ofMillis(ctx.env().integer(MEMO_VARIABLE, DEFAULT_MEMO_MS, 0, 60_000));
        MarketReads reads = new MarketReads(
                store.collection(MarketCollections.underlyingTicks(retention)),
                store.collection(MarketCollections.optionQuotes(retention)),
                store.collection(MarketCollections.optionChains(retention)),
                store.collection(MarketCollections.candles(retention)));
        LatestChains latest = new LatestChains(Buses.open(ctx).cache(), reads.chains(), memo);
        new StorageRoutes(universe, reads, latest).register(ctx.routes());
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new StorageService());
    }
}
