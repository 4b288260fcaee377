package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.EmbeddedMongo;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same order path on the MongoDB adapter (distributed mode's store), including a restart. */
class MongoStoreTradingTest {
    private static final String SECRET = "a-private-test-secret-of-at-least-32-characters";

    @Test
    void ordersTradesPositionsAndRecoveryOnMongo() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
            Map<String, String> env = Map.of("MONGO_URL", mongo.url("deltastream"), "JWT_SECRET", SECRET);
            String user = "abcdefabcdefabcdefabcdef";
            String resting;
            try (TradingFixture f = new TradingFixture(new TestServices(), env, Instant.now())) {
                String call = f.option(OptionType.CALL, 21500);
                f.quote(call, 99, 101, 100);
                f.publish();
                String[] auth = {"Authorization", "Bearer " + f.token(user)};
                JsonNode r = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "MARKET",
                        "side", "BUY", "quantity", 75), auth), 201);
                assertThat(r.get("status").asText()).isEqualTo("FILLED");
                resting = f.ok(f.http.post("/api/trade/order", Map.of("symbol", call, "order_type", "LIMIT",
                        "side", "SELL", "quantity", 75, "price", 110), auth), 201).get("order_id").asText();
                assertThat(f.ok(f.http.get("/api/trade/trades", auth), 200).get("count").asInt()).isEqualTo(1);
                assertThat(f.ok(f.http.get("/api/trade/orders", auth), 200).get("count").asInt()).isEqualTo(2);
            }
            try (TradingFixture f = new TradingFixture(new TestServices(), env, Instant.now())) {
                String[] auth = {"Authorization", "Bearer " + f.token(user)};
                assertThat(f.ok(f.http.get("/api/trade/positions", auth), 200).get("count").asInt()).isEqualTo(1);
                assertThat(f.service.engine().workingOrders()).isEqualTo(1);
                JsonNode c = f.ok(f.http.delete("/api/trade/order/" + resting, auth), 200);
                assertThat(c.get("status").asText()).isEqualTo("CANCELLED");
            }
        }
    }
}
