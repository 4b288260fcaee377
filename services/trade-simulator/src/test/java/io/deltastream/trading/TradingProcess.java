package io.deltastream.trading;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import java.util.HashMap;
import java.util.Map;

/** A trade simulator alone in its own JVM (for kill tests): arguments are {@code NAME=value} settings. */
public final class TradingProcess {
    private TradingProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            env.put(a.substring(0, eq), a.substring(eq + 1));
        }
        ServiceHost.start(new TradeSimulatorService(), Env.of(env), new SharedResources(), false);
        System.out.println("TRADING READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
