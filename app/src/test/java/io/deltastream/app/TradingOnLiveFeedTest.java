package io.deltastream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.auth.AuthService;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The trade simulator on the real pipeline's output: feed generator -> worker-enricher -> trade simulator. */
class TradingOnLiveFeedTest {
    @Test
    void ordersTradeAgainstTheEnrichedFeed() {
        try (TestServices platform = new TestServices()) {
            platform.env("FEED_INTERVAL", "0.1").env("FEED_CHAIN_EVERY", "1").env("FEED_PRODUCTS", "NIFTY")
                    .env("FEED_EXPIRIES", "1").env("FEED_SEED", "3");
            Bus bus = platform.shared().get("bus:memory", Bus.class, () -> new InMemoryBus(BusConfig.DEFAULTS));
            AtomicReference<EnrichedChain> latest = new AtomicReference<>();
            TopicSubscription sub = bus.topics().subscribe(List.of(MarketTopics.ENRICHED_OPTION_CHAIN), (t, p) -> {
                try {
                    latest.set(WireCodec.decodeEnrichedChain(p));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            HttpJson accounts = TestServices.http(platform.env("BCRYPT_COST", "4").start(new AuthService()));
            RunningService trading = platform.start(new TradeSimulatorService());
            platform.start(new WorkerEnricherService());
            platform.start(new FeedGeneratorService());
            HttpJson http = TestServices.http(trading);
            EnrichedChain chain = Eventually.value("an enriched NIFTY chain", latest::get);
            EnrichedQuote atm = chain.calls().get(chain.calls().size() / 2);
            String symbol = atm.quote().symbol();
            Eventually.until("the simulator quotes " + symbol, () -> {
                JsonNode book = http.get("/api/trade/orderbook/" + symbol).json();
                return book.path("asks").size() > 0 && book.path("bids").size() > 0;
            });
            String token = accounts.post("/register", Map.of("email", "trader@example.com", "password", "trade123"))
                    .json().get("token").asText();
            String[] auth = {"Authorization", "Bearer " + token};
            HttpJson.Response r = http.post("/api/trade/order", Map.of("symbol", symbol, "orderType", "MARKET",
                    "side", "BUY", "quantity", 75), auth);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().get("status").asText()).isEqualTo("FILLED");
            assertThat(r.json().get("avg_fill_price").asDouble()).isPositive();
            JsonNode positions = http.get("/api/trade/positions", auth).json();
            assertThat(positions.get("count").asInt()).isEqualTo(1);
            assertThat(positions.get("positions").get(0).get("current_price").asDouble()).isPositive();
            JsonNode risk = http.get("/api/trade/risk", auth).json();
            assertThat(risk.get("greeks").get("delta").asDouble()).isBetween(0.0, 75.0);
            sub.close();
        }
    }
}
