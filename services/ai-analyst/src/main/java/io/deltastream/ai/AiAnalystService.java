package io.deltastream.ai;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;

/** Explains the market state in words: pulse, sentiment and chat over the live analytics. */
public final class AiAnalystService implements Service {
    public static final String NAME = "ai-analyst";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8006;
    }

    @Override
    public void install(ServiceContext ctx) {
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AiAnalystService());
    }
}
