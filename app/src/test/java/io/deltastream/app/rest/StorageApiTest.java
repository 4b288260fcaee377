package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage service against data written in the enricher's stored layouts and cache keys. */
class StorageApiTest {
    static final LocalDate NEAR = LocalDate.now().plusDays(3);
    static final LocalDate FAR = LocalDate.now().plusDays(31);
    static final Instant T0 = MarketFixture.now().minusSeconds(60);

    static TestServices services;
    static MarketFixture market;
    static HttpJson http;

    @BeforeAll
    static void start() {
        services = new TestServices().env(StorageService.MEMO_VARIABLE, "0");
        market = new MarketFixture();
        services.start(market);
        RunningService storage = services.start(new StorageService());
        http = TestServices.http(storage);
        for (int i = 0; i < 5; i++) {
            market.tick("NIFTY", 21500 + i, T0.plusSeconds(i), i);
        }
        market.tick("BANKNIFTY", 45000, T0, 99);
        market.quote("NIFTY", NEAR, OptionType.CALL, 21500, 120.5, T0);
        market.quote("NIFTY", NEAR, OptionType.CALL, 21500, 121.5, T0.plusSeconds(5));
        market.storeChain(MarketFixture.chain("NIFTY", NEAR, 21500, 50, 5, T0, 1.0, 0));
        market.storeChain(MarketFixture.chain("NIFTY", FAR, 21510, 50, 5, T0.plusSeconds(10), 1.0, 0));
        market.storeChain(MarketFixture.chain("NIFTY", NEAR, 21520, 50, 5, T0.plusSeconds(20), 1.1, 1));
        Instant bucket = Instant.parse("2026-11-23T10:05:00Z");
        market.candle(new Candle("NIFTY", 5, 21500, 21540, 21490, 21530, bucket, bucket.plusSeconds(300), 300));
        market.candle(new Candle("NIFTY", 5, 21530, 21560, 21520, 21550, bucket.plusSeconds(300),
                bucket.plusSeconds(600), 280));
        market.candle(new Candle("NIFTY", 1, 21530, 21535, 21525, 21531, bucket, bucket.plusSeconds(60), 60));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void underlyingTicksNewestFirstInTheReferenceShape() {
        HttpJson.Response r = http.get("/underlying/NIFTY?limit=3");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).containsExactly("count", "product", "ticks");
        assertThat(body.get("count").asInt()).isEqualTo(3);
        JsonNode first = body.get("ticks").get(0);
        assertThat(fieldNames(first)).containsExactly("price", "processed_at", "product", "tick_id", "timestamp");
        assertThat(first.get("price").asDouble()).isEqualTo(21504.0);
        assertThat(first.get("tick_id").asLong()).isEqualTo(4);
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(Instant.parse(first.get("timestamp").asText())).isEqualTo(T0.plusSeconds(4));
        assertThat(http.get("/underlying/NIFTY").json().get("count").asInt()).isEqualTo(5);
    }

    @Test
    void underlyingTimeRangeIsInclusiveAndValidated() {
        String start = T0.plusSeconds(1).toString();
        String end = T0.plusSeconds(3).toString();
        HttpJson.Response ranged = http.get("/underlying/NIFTY?start=" + start + "&end=" + end);
        assertThat(ranged.status()).as(ranged.body()).isEqualTo(200);
        JsonNode body = ranged.json();
        assertThat(body.get("count").asInt()).isEqualTo(3);
        // A naive timestamp (the reference's form) is read as UTC.
        String naive = T0.plusSeconds(3).toString().replace("Z", "");
        assertThat(http.get("/underlying/NIFTY?start=" + naive).json().get("count").asInt()).isEqualTo(2);
        assertError(http.get("/underlying/NIFTY?start=yesterday"), 400, "start");
        assertError(http.get("/underlying/NIFTY?start=" + end + "&end=" + start), 400, "start");
    }

    @Test
    void limitIsBounded() {
        assertError(http.get("/underlying/NIFTY?limit=0"), 400, "limit");
        assertError(http.get("/underlying/NIFTY?limit=1001"), 400, "limit");
        assertError(http.get("/underlying/NIFTY?limit=ten"), 400, "limit");
        assertThat(http.get("/underlying/NIFTY?limit=1000").status()).isEqualTo(200);
    }

    @Test
    void unknownProductIs404Json() {
        for (String path : List.of("/underlying/NOPE", "/option/chain/NOPE", "/expiries/NOPE", "/candles/NOPE",
                "/surfaces/NOPE", "/option/quote/NOPE20261126C100")) {
            HttpJson.Response r = http.get(path);
            assertError(r, 404, "NOPE");
            assertThat(r.json().get("product").asText()).isEqualTo("NOPE");
        }
    }

    @Test
    void optionQuotesBySymbol() {
        String symbol = "NIFTY" + NEAR.toString().replace("-", "") + "C21500";
        JsonNode body = http.get("/option/quote/" + symbol).json();
        assertThat(fieldNames(body)).containsExactly("count", "quotes", "symbol");
        assertThat(body.get("count").asInt()).isEqualTo(2);
        JsonNode q = body.get("quotes").get(0);
        assertThat(q.get("last").asDouble()).isEqualTo(121.5);
        assertThat(fieldNames(q)).contains("symbol", "product", "strike", "expiry", "option_type", "bid", "ask",
                "last", "volume", "open_interest", "delta", "gamma", "vega", "theta", "iv", "timestamp",
                "processed_at");
        assertThat(q.get("option_type").asText()).isEqualTo("CALL");
        assertThat(q.get("strike").asDouble()).isEqualTo(21500.0);
        assertError(http.get("/option/quote/garbage"), 400, "symbol");
        assertThat(http.get("/option/quote/NIFTY20200102P100").json().get("count").asInt()).isZero();
    }

    @Test
    void latestChainIncludesStrikesAndLeavesTheCacheToTheEnricher() {
        market.bus().cache().delete(CacheKeys.latestChain("NIFTY", NEAR));
        HttpJson.Response r = http.get("/option/chain/NIFTY?limit=1");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).containsExactly("chains", "count", "product");
        JsonNode chain = body.get("chains").get(0);
        assertThat(chain.get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(chain.get("spot_price").asDouble()).isEqualTo(21520.0);
        assertThat(chain.get("strikes")).hasSize(11);
        assertThat(chain.get("calls")).hasSize(11);
        assertThat(chain.get("calls").get(0).get("strike").asDouble()).isEqualTo(chain.get("strikes").get(0).asDouble());
        for (String f : List.of("product", "expiry", "spot_price", "strikes", "pcr_oi", "pcr_volume", "atm_strike",
                "atm_straddle_price", "max_pain_strike", "total_call_oi", "total_put_oi", "call_buildup_otm",
                "put_buildup_otm", "calls", "puts", "timestamp", "processed_at")) {
            assertThat(chain.has(f)).as(f).isTrue();
        }
        assertThat(chain.get("pcr_oi").isNumber()).isTrue();
        assertThat(chain.get("processed_at").asText()).endsWith("Z");
        // the enricher is the one writer of latest:chain:*: a miss is served from the store and fills nothing
        assertThat(market.bus().cache().get(CacheKeys.latestChain("NIFTY", NEAR))).isEmpty();
    }

    @Test
    void latestChainPrefersTheCache() {
        EnrichedChain cachedOnly = MarketFixture.chain("NIFTY", FAR, 21999, 50, 5, T0.plusSeconds(10), 1.0, 0);
        market.cacheChain(cachedOnly);
        try {
            JsonNode chain = http.get("/option/chain/NIFTY?limit=1&expiry=" + FAR).json().get("chains").get(0);
            assertThat(chain.get("spot_price").asDouble()).isEqualTo(21999.0);
        } finally {
            market.bus().cache().delete(CacheKeys.latestChain("NIFTY", FAR));
        }
        JsonNode stored = http.get("/option/chain/NIFTY?limit=1&expiry=" + FAR).json().get("chains").get(0);
        assertThat(stored.get("spot_price").asDouble()).isEqualTo(21510.0);
    }

    @Test
    void chainHistoryByExpiryAndValidation() {
        JsonNode all = http.get("/option/chain/NIFTY").json();
        assertThat(all.get("count").asInt()).isEqualTo(3);
        JsonNode near = http.get("/option/chain/NIFTY?expiry=" + NEAR + "&limit=5").json();
        assertThat(near.get("count").asInt()).isEqualTo(2);
        assertThat(near.get("chains").get(0).get("spot_price").asDouble()).isEqualTo(21520.0);
        assertThat(http.get("/option/chain/BANKNIFTY?limit=1").json().get("count").asInt()).isZero();
        assertError(http.get("/option/chain/NIFTY?expiry=2026-13-01"), 400, "expiry");
    }

    @Test
    void productsAndExpiries() {
        JsonNode products = http.get("/products").json();
        assertThat(products.get("products")).extracting(JsonNode::asText).containsExactly("BANKNIFTY", "NIFTY");
        JsonNode expiries = http.get("/expiries/NIFTY").json();
        assertThat(fieldNames(expiries)).containsExactly("expiries", "product");
        assertThat(expiries.get("expiries")).extracting(JsonNode::asText)
                .containsExactly(NEAR.toString(), FAR.toString());
    }

    @Test
    void instrumentsListTheUniverseWithCurrencyAndLotSize() {
        JsonNode body = http.get("/instruments").json();
        assertThat(fieldNames(body)).containsExactly("count", "instruments");
        JsonNode list = body.get("instruments");
        assertThat(list).extracting(i -> i.get("name").asText())
                .containsExactly("NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "AAPL", "TSLA", "SPY", "QQQ");
        assertThat(body.get("count").asInt()).isEqualTo(8);
        JsonNode nifty = list.get(0);
        assertThat(fieldNames(nifty)).containsExactly("name", "currency", "lot_size", "strike_interval", "tick_size",
                "exercise", "timezone", "expiry_time");
        assertThat(nifty.get("currency").asText()).isEqualTo("INR");
        assertThat(nifty.get("exercise").asText()).isEqualTo("EUROPEAN");
        JsonNode aapl = list.get(4);
        assertThat(aapl.get("currency").asText()).isEqualTo("USD");
        assertThat(aapl.get("exercise").asText()).isEqualTo("AMERICAN");
        assertThat(aapl.get("lot_size").asInt()).isPositive();
        assertThat(aapl.get("expiry_time").asText()).matches("\\d\\d:\\d\\d");
    }

    @Test
    void candleHistory() {
        JsonNode body = http.get("/candles/NIFTY?window=5").json();
        assertThat(fieldNames(body)).containsExactly("candles", "count", "product", "window_minutes");
        assertThat(body.get("count").asInt()).isEqualTo(2);
        JsonNode newest = body.get("candles").get(0);
        assertThat(newest.get("open").asDouble()).isEqualTo(21530.0);
        assertThat(newest.get("start_time").asText()).isEqualTo("2026-11-23T10:10:00.000000Z");
        assertThat(http.get("/candles/NIFTY?window=1m").json().get("count").asInt()).isEqualTo(1);
        assertError(http.get("/candles/NIFTY?window=7"), 400, "window");
    }

    @Test
    void surfaceHistoryAlignsIvsWithStrikes() {
        JsonNode body = http.get("/surfaces/NIFTY?expiry=" + NEAR).json();
        assertThat(body.get("count").asInt()).isEqualTo(2);
        JsonNode s = body.get("surfaces").get(0);
        assertThat(s.get("strikes")).hasSize(11);
        assertThat(s.get("ivs")).hasSize(11);
        assertThat(s.get("call_ivs")).hasSize(11);
        assertThat(s.get("put_ivs")).hasSize(11);
        assertThat(s.get("avg_iv").asDouble()).isBetween(0.1, 0.3);
        assertThat(s.get("svi").get("b").asDouble()).isEqualTo(0.01);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void assertError(HttpJson.Response r, int status, String mentions) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").asText()).contains(mentions);
    }
}
