package io.deltastream.analytics;

import io.deltastream.bus.Buses;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Stores;
import java.time.Clock;

/**
 * Market analytics over the enricher's output (PCR, volatility surface, max pain, OI build-up, OHLC, candles, term
 * structure, IV rank, expected move) and option calculators over the quant engine.
 */
public final class AnalyticsService implements Service {
    public static final String NAME = "analytics";
    /** Variable: the most options one calculator request may hold. */
    public static final String MAX_BATCH_VARIABLE = "CALC_MAX_BATCH";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8004;
    }

    @Override
    public void install(ServiceContext ctx) {
        ProductUniverse universe = ProductUniverse.from(ctx.env());
        MarketRetention retention = MarketRetention.from(ctx.env());
        DocumentStore store = Stores.open(ctx, MarketCollections.DATABASE, MarketCollections.SQLITE_PAGE_BYTES);
        MarketView market = new MarketView(Buses.open(ctx).cache(),
                store.collection(MarketCollections.optionChains(retention)),
                store.collection(MarketCollections.candles(retention)), Clock.systemUTC());
        Params params = new Params(universe);
        new ReferenceRoutes(params, market).register(ctx.routes());
        new InsightRoutes(params, market).register(ctx.routes());
        new CalculatorRoutes(ctx.env().integer(MAX_BATCH_VARIABLE, 1000, 1, 100_000)).register(ctx.routes());
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AnalyticsService());
    }
}
