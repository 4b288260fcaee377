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
 * One order's trace across the platform: the caller's {@code traceparent} enters at the api-gateway, is continued by
 * the trade simulator (over the proxied HTTP call), and by the socket gateway when it delivers the order's user
 * events (over the bus's {@code user_events} topic). An order never reaches the worker-enricher (it enriches the
 * feed), so the socket gateway is the bus consumer on this path; the work-queue path is covered by the bus contract.
 * Log lines are captured as Logback events, with the MDC every JSON line carries.
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
    }

    @Test
    void anOrdersTraceIdIsInTheGatewaysTheTradeSimulatorsAndTheSocketGatewaysLogLines() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger delivery = logback.getLogger(BusStream.class);
        Level previous = delivery.getLevel();
        Capture capture = new Capture();
        capture.setContext(logback);
        capture.start();
        root.addAppender(capture);
        delivery.setLevel(Level.DEBUG);
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
            Eventually.until("the order's trace id in the api-gateway's, trade simulator's and socket gateway's logs",
                    () -> capture.has("api-gateway", TRACE) && capture.has("trade-simulator", TRACE)
                            && capture.has("socket-gateway", TRACE));
            assertThat(capture.lines).filteredOn(l -> "socket-gateway".equals(l[0]) && TRACE.equals(l[1]))
                    .extracting(l -> l[2]).anyMatch(m -> m.startsWith("delivered order_update"));
            // other requests are other traces
            assertThat(capture.lines).filteredOn(l -> "auth".equals(l[0]) && l[1] != null)
                    .noneMatch(l -> TRACE.equals(l[1]));
            sub.close();
        } finally {
            root.detachAppender(capture);
            delivery.setLevel(previous);
        }
    }
}
