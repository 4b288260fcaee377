package io.deltastream.trading;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;

/** Paper trading: order management, risk checks, matching against the live market, portfolio and P&L. */
public final class TradeSimulatorService implements Service {
    public static final String NAME = "trade-simulator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8007;
    }

    @Override
    public void install(ServiceContext ctx) {
        Stores.open(ctx, "trading");
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new TradeSimulatorService());
    }
}
