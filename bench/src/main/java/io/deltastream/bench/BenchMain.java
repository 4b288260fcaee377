package io.deltastream.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./deltastream bench ...}: the first argument names a load driver, otherwise all arguments
 * go to JMH (e.g. {@code 'quant.*' -f 1 -wi 3 -i 5}).
 */
public final class BenchMain {
    /** A load driver: a main that prints its figures. */
    @FunctionalInterface
    interface Driver {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Driver> DRIVERS = new TreeMap<>();

    static {
        DRIVERS.put("rest", io.deltastream.bench.rest.GatewayLoad::main);
        DRIVERS.put("pipeline-embedded", io.deltastream.bench.pipeline.PipelineLoad::embedded);
        DRIVERS.put("pipeline-redis", io.deltastream.bench.pipeline.PipelineLoad::redis);
        DRIVERS.put("pipeline-storage", io.deltastream.bench.pipeline.PipelineLoad::storage);
        DRIVERS.put("pipeline-soak", io.deltastream.bench.pipeline.PipelineLoad::soak);
        DRIVERS.put("trading-load", io.deltastream.bench.trading.OrderLoadDriver::main);
        DRIVERS.put("trading-engine", io.deltastream.bench.trading.EngineLoadDriver::main);
        DRIVERS.put("socket-fanout", io.deltastream.bench.socket.SocketFanoutDriver::main);
        DRIVERS.put("ai-retrieval", io.deltastream.bench.ai.RetrievalLoad::main);
        DRIVERS.put("ai-pulse", io.deltastream.bench.ai.PulseLoad::main);
        DRIVERS.put("ai-sentiment", io.deltastream.bench.ai.SentimentEval::main);
        DRIVERS.put("market-scale", io.deltastream.bench.pipeline.MarketScaleLoad::main);
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("list")) {
            System.out.println("Load drivers: " + (DRIVERS.isEmpty() ? "(none)" : String.join(", ", DRIVERS.keySet())));
            System.out.println("Anything else is passed to JMH; try: -l (list benchmarks), -h (JMH help).");
            return;
        }
        if (args.length > 0 && DRIVERS.containsKey(args[0])) {
            try {
                DRIVERS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
            } catch (IllegalArgumentException e) {
                // a bad option: its message, not a stack trace
                System.err.println("error: " + e.getMessage());
                System.exit(2);
            }
            return;
        }
        org.openjdk.jmh.Main.main(args);
    }
}
