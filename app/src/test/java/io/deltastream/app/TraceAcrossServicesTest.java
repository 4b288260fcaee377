package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.deltastream.auth.AuthService;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.service.RunningService;
import io.deltastream.socket.SocketGatewayService;
import io.deltastream.socket.stream.BusStream;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Traces across the platform, followed in the log lines (captured as Logback events, with the MDC every JSON line
 * carries). One order: the caller's {@code traceparent} enters at the api-gateway, is continued by the trade simulator
 * (over the proxied HTTP call), and by the socket gateway when it delivers the order's user events (over the bus's
 * {@code user_events} topic). One feed batch: the feed generator opens a trace per batch it sends to the work queues,
 * the worker-enricher continues it while it enriches and stores the batch, and the socket gateway while it delivers
 * the chain the worker published (over {@code enriched:option_chain}).
 */
class TraceAcrossServicesTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    /** Keeps service, trace id and message of every event. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<String[]> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            Map<String, String> mdc = e.getMDCPropertyMap();
            lines.add(new String[] {mdc.get("service"), mdc.get("trace_id"), e.getFormattedMessage()});
        }

        boolean has(String service, String traceId) {
            return lines.stream().anyMatch(l -> service.equals(l[0]) && traceId.equals(l[1]));
        }

        boolean has(String service, String traceId, String messageStart) {
            return lines.stream().anyMatch(l -> service.equals(l[0]) && traceId.equals(l[1])
                    && l[2].startsWith(messageStart));
        }
    }

    /**
     * Captures every log event while the body runs, with the named loggers at DEBUG (their per-message lines are
     * debug lines).
     */
    private static void capturing(Capture capture, List<String> debugLoggers, Runnable body) {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<Logger, Level> previous = new java.util.HashMap<>();
        capture.setContext(logback);
        capture.start();
        root.addAppender(capture);
        for (String name : debugLoggers) {
            Logger l = logback.getLogger(name);
            previous.put(l, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        try {
            body.run();
        } finally {
            root.detachAppender(capture);
            previous.forEach(Logger::setLevel);
        }
    }

    @Test
    void aFeedBatchsTraceIdIsInTheFeedsTheWorkersAndTheSocketGatewaysLogLines() {
        Capture capture = new Capture();
        capturing(capture, List.of("io.deltastream.feed.FeedPublisher", "io.deltastream.enricher.MarketHandler",
                BusStream.class.getName()), () -> {
            try (TestServices platform = new TestServices().env("FEED_INTERVAL", "0.1").env("FEED_CHAIN_EVERY", "1")
                    .env("FEED_PRODUCTS", "NIFTY").env("FEED_EXPIRIES", "1").env("FEED_SEED", "3")) {
                platform.start(new SocketGatewayService());
                platform.start(new WorkerEnricherService());
                platform.start(new FeedGeneratorService());
                // a worker batch runs in the trace of its first traced message: some feed batches head one
                String trace = Eventually.value("a feed batch's trace id in the worker's and socket gateway's lines",
                        () -> capture.lines.stream()
                                .filter(l -> "feed-generator".equals(l[0]) && l[1] != null
                                        && l[2].startsWith("published"))
                                .map(l -> l[1])
                                .filter(t -> capture.has("worker-enricher", t, "enriched and stored")
                                        && capture.has("socket-gateway", t, "delivered the NIFTY"))
                                .findFirst().orElse(null));
                assertThat(capture.lines).filteredOn(l -> trace.equals(l[1])).extracting(l -> l[0])
                        .containsOnly("feed-generator", "worker-enricher", "socket-gateway");
            }
        });
    }

    @Test
    void anOrdersTraceIdIsInTheGatewaysTheTradeSimulatorsAndTheSocketGatewaysLogLines() {
        Capture capture = new Capture();
        capturing(capture, List.of(BusStream.class.getName()), () -> {
            try (TestServices platform = new TestServices().env("BCRYPT_COST", "4").env("GATEWAY_RATE_LIMIT_RPS", "0")
                    .env("FEED_INTERVAL", "0.1").env("FEED_CHAIN_EVERY", "1").env("FEED_PRODUCTS", "NIFTY")
                    .env("FEED_EXPIRIES", "1").env("FEED_SEED", "3")) {
                Bus bus = platform.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
                AtomicReference<EnrichedChain> latest = new AtomicReference<>();
                TopicSubscription sub = TradingOnLiveFeedTest.followChains(bus, latest);
                RunningService auth = platform.start(new AuthService());
                RunningService trade = platform.start(new TradeSimulatorService());
                platform.start(new WorkerEnricherService());
                platform.start(new FeedGeneratorService());
                platform.start(new SocketGatewayService());
                platform.env("AUTH_SERVICE_URL", auth.baseUrl()).env("TRADE_SERVICE_URL", trade.baseUrl());
                HttpJson api = TestServices.http(platform.start(new ApiGatewayService()));
                EnrichedChain chain = Eventually.value("an enriched NIFTY chain", latest::get);
                String symbol = chain.calls().get(chain.calls().size() / 2).quote().symbol();
                Eventually.until("the simulator quotes " + symbol, () -> {
                    var book = api.get("/api/trade/orderbook/" + symbol).json();
                    return book.path("asks").size() > 0 && book.path("bids").size() > 0;
                });
                String token = api.post("/api/auth/register", Map.of("email", "tracer@example.com", "password",
                        "trace123")).json().get("token").asText();

                HttpJson.Response order = api.post("/api/trade/order", Map.of("symbol", symbol, "orderType", "MARKET",
                        "side", "BUY", "quantity", 75), "Authorization", "Bearer " + token,
                        "traceparent", "00-" + TRACE + "-b7ad6b7169203331-01");

                assertThat(order.status()).as(order.body()).isEqualTo(201);
                assertThat(order.header("X-Trace-Id")).isEqualTo(TRACE);
                Eventually.until("the order's trace id in the gateway's, trade simulator's and socket gateway's logs",
                        () -> capture.has("api-gateway", TRACE) && capture.has("trade-simulator", TRACE)
                                && capture.has("socket-gateway", TRACE));
                assertThat(capture.lines).filteredOn(l -> "socket-gateway".equals(l[0]) && TRACE.equals(l[1]))
                        .extracting(l -> l[2]).anyMatch(m -> m.startsWith("delivered order_update"));
                // other requests are other traces
                assertThat(capture.lines).filteredOn(l -> "auth".equals(l[0]) && l[1] != null)
                        .noneMatch(l -> TRACE.equals(l[1]));
                sub.close();
            }
        });
    }
}
