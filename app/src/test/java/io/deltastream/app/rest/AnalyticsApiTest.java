package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static io.deltastream.app.rest.StorageApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.quant.candles.OhlcBar;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analytics service against chains written in the enricher's layouts. */
class AnalyticsApiTest {
    static final LocalDate NEAR = LocalDate.now().plusDays(3);
    static final LocalDate FAR = LocalDate.now().plusDays(31);
    static TestServices services;
    static MarketFixture market;
    static HttpJson http;
    static EnrichedChain near;
    static EnrichedChain far;

    @BeforeAll
    static void start() {
        services = new TestServices().env(AnalyticsService.MAX_BATCH_VARIABLE, "3");
        market = new MarketFixture();
        services.start(market);
        http = TestServices.http(services.start(new AnalyticsService()));
        Instant now = MarketFixture.now();
        // a year of daily history for IV rank: ATM IV rising from 0.10
        for (int d = 1; d <= 20; d++) {
            market.storeChain(MarketFixture.chain("BANKNIFTY", LocalDate.now().plusDays(40), 45000, 100, 3,
                    now.minus(Duration.ofDays(d)), 1.0, 0));
        }
        near = MarketFixture.chain("NIFTY", NEAR, 21500, 50, 5, now.minusSeconds(5), 1.0, 0);
        far = MarketFixture.chain("NIFTY", FAR, 21500, 50, 5, now.minusSeconds(4), 1.3, 0);
        market.storeChain(near);
        market.storeChain(far);
        market.cacheChain(near);
        market.cacheChain(far);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void pcrLatestIsAnArrayWithoutExpiryAndAnObjectWithIt() {
        JsonNode body = http.get("/pcr/NIFTY").json();
        assertThat(fieldNames(body)).containsExactly("latest", "product");
        assertThat(body.get("latest").isArray()).isTrue();
        assertThat(body.get("latest")).hasSize(2);
        JsonNode first = body.get("latest").get(0);
        assertThat(fieldNames(first)).containsExactly("expiry", "pcr_oi", "pcr_volume", "timestamp");
        assertThat(first.get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(first.get("pcr_oi").asDouble()).isEqualTo(near.pcrOi());

        JsonNode one = http.get("/pcr/NIFTY?expiry=" + FAR).json().get("latest");
        assertThat(one.get("pcr_oi").asDouble()).isEqualTo(far.pcrOi());
        assertThat(http.get("/pcr/NIFTY?expiry=2020-01-02").json().get("latest").isNull()).isTrue();
        assertThat(http.get("/pcr/SPY").json().get("latest")).isEmpty();

        JsonNode history = http.get("/pcr/NIFTY?history=true").json();
        assertThat(fieldNames(history)).containsExactly("history", "latest", "product");
        assertThat(history.get("history")).hasSize(2);
        assertThat(history.get("history").get(0).get("expiry").asText()).isEqualTo(FAR.toString());
        assertError(http.get("/pcr/NIFTY?history=maybe"), 400, "history");
        assertError(http.get("/pcr/NOPE"), 404, "NOPE");
    }

    @Test
    void surfaceIsAssembledFromChainsWithStrikesAlignedToIvs() {
        market.bus().cache().delete(CacheKeys.volatilitySurface("NIFTY"));
        JsonNode s = http.get("/volatility-surface/NIFTY").json();
        assertThat(fieldNames(s)).containsExactly("product", "expiries", "timestamp");
        assertThat(s.get("expiries")).hasSize(2);
        for (JsonNode slice : s.get("expiries")) {
            int n = slice.get("strikes").size();
            assertThat(n).isEqualTo(11);
            assertThat(slice.get("ivs")).hasSize(n);
            assertThat(slice.get("call_ivs")).hasSize(n);
            assertThat(slice.get("put_ivs")).hasSize(n);
            for (int i = 1; i < n; i++) {
                assertThat(slice.get("strikes").get(i).asDouble()).isGreaterThan(slice.get("strikes").get(i - 1).asDouble());
            }
        }
        assertError(http.get("/volatility-surface/SPY"), 404, "No recent data available");
    }

    @Test
    void maxPainComesFromTheChainOfTheExpiry() {
        JsonNode body = http.get("/max-pain/NIFTY?expiry=" + NEAR).json();
        assertThat(fieldNames(body)).containsExactly("distance_from_spot", "distance_pct", "expiry", "max_pain_strike",
                "product", "spot_price", "timestamp", "total_call_oi", "total_put_oi");
        assertThat(body.get("max_pain_strike").asDouble()).isEqualTo(near.maxPainStrike());
        assertThat(body.get("distance_from_spot").asDouble()).isEqualTo(near.maxPainStrike() - 21500);
        assertError(http.get("/max-pain/NIFTY"), 400, "Expiry parameter required");
        assertError(http.get("/max-pain/NIFTY?expiry=25-01-2025"), 400, "expiry");
        HttpJson.Response none = http.get("/max-pain/NIFTY?expiry=2025-01-25");
        assertError(none, 404, "No data available");
        assertThat(none.json().get("expiry").asText()).isEqualTo("2025-01-25");
    }

    @Test
    void oiBuildupUsesTheStandardReadingAndNonOverlappingBuckets() {
        JsonNode body = http.get("/oi-buildup/NIFTY?expiry=" + NEAR).json();
        JsonNode call = body.get("call_buildup");
        JsonNode put = body.get("put_buildup");
        assertThat(call.get("itm").asLong() + call.get("atm").asLong() + call.get("otm").asLong())
                .isEqualTo(near.totalCallOi());
        assertThat(put.get("itm").asLong() + put.get("atm").asLong() + put.get("otm").asLong())
                .isEqualTo(near.totalPutOi());
        // the fixture's puts below spot hold more OI than its calls above: support below, a bullish reading
        assertThat(put.get("otm").asLong()).isGreaterThan((long) (call.get("otm").asLong() * 1.1));
        assertThat(body.get("interpretation").asText()).startsWith("Bullish");
        assertThat(body.get("strikes")).hasSize(11);
        assertThat(body.get("strikes").get(0).get("call").get("buildup").asText()).isEqualTo("neutral");
        assertThat(body.get("support_strike").asDouble()).isEqualTo(near.strikes()[0]);
        assertThat(body.get("resistance_strike").asDouble()).isEqualTo(near.strikes()[10]);
        assertThat(body.get("buildup_summary").get("calls").get("neutral").asInt()).isEqualTo(11);
        assertError(http.get("/oi-buildup/NIFTY"), 400, "Expiry parameter required");
    }

    @Test
    void ohlcFromTheCacheOr404() {
        Instant bucket = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Candle c = new Candle("NIFTY", 1, 21500, 21510, 21490, 21505, bucket, bucket.plusSeconds(60), 12);
        market.cacheCandle(c);
        JsonNode body = http.get("/ohlc/NIFTY?window=1").json();
        assertThat(fieldNames(body)).containsExactly("product", "window_minutes", "open", "high", "low", "close",
                "start_time", "end_time", "num_ticks");
        assertThat(body.get("close").asDouble()).isEqualTo(21505.0);
        HttpJson.Response missing = http.get("/ohlc/NIFTY?window=15");
        assertError(missing, 404, "No OHLC data available");
        assertThat(missing.json().get("window").asText()).isEqualTo("15m");
        assertError(http.get("/ohlc/NIFTY?window=7"), 400, "window");
        JsonNode candles = http.get("/candles/NIFTY?window=1").json();
        assertThat(candles.get("count").asInt()).isEqualTo(1);
    }

    @Test
    void termStructureExpectedMoveAndIvRank() {
        JsonNode ts = http.get("/term-structure/NIFTY").json();
        assertThat(ts.get("expiries")).hasSize(2);
        assertThat(ts.get("expiries").get(0).get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(ts.get("shape").asText()).isIn("contango", "backwardation", "flat", "mixed");
        // forward variance between the expiries, by hand from the two chains' ATM IVs
        JsonNode first = ts.get("expiries").get(0);
        JsonNode second = ts.get("expiries").get(1);
        assertThat(first.get("forward_variance").asDouble()).isCloseTo(near.atmIv() * near.atmIv(), within(1e-12));
        double forwardVariance = (far.atmIv() * far.atmIv() * far.yearsToExpiry()
                - near.atmIv() * near.atmIv() * near.yearsToExpiry()) / (far.yearsToExpiry() - near.yearsToExpiry());
        assertThat(second.get("forward_variance").asDouble()).isCloseTo(forwardVariance, within(1e-12));
        assertThat(second.get("forward_vol").asDouble()).isCloseTo(Math.sqrt(forwardVariance), within(1e-12));
        assertThat(ts.get("calendar_arbitrage").asBoolean()).isFalse();
        // the fixture's SVI smile has rho = -0.3: puts richer than calls, so a negative 25-delta risk reversal
        var metrics = io.deltastream.quant.surface.SmileMetrics.of(
                new io.deltastream.quant.surface.SviParameters(0.0004, 0.01, -0.3, 0.0, 0.05), near.yearsToExpiry());
        assertThat(first.get("risk_reversal_25d").asDouble()).isNegative()
                .isCloseTo(metrics.riskReversal25(), within(1e-12));
        assertThat(first.get("butterfly_25d").asDouble()).isPositive().isCloseTo(metrics.butterfly25(), within(1e-12));
        assertThat(first.get("expected_move").asDouble()).isCloseTo(near.expectedMove(), within(1e-9));

        JsonNode em = http.get("/expected-move/NIFTY?expiry=" + NEAR).json();
        double sigmaMove = near.forward() * near.atmIv() * Math.sqrt(near.yearsToExpiry());
        assertThat(em.get("sigma_move").asDouble()).isCloseTo(sigmaMove, within(1e-9));
        assertThat(em.get("upper").asDouble() - em.get("lower").asDouble()).isCloseTo(2 * sigmaMove, within(1e-6));
        assertThat(em.get("straddle_move").asDouble()).isGreaterThan(near.atmStraddlePrice());

        // BANKNIFTY has 20 daily chains and no live one: IV rank needs a current chain
        assertError(http.get("/iv-rank/BANKNIFTY"), 404, "No recent data available");
        JsonNode rank = http.get("/iv-rank/NIFTY?days=30").json();
        assertThat(rank.get("iv_rank").asDouble()).isBetween(0.0, 100.0);
        assertThat(rank.get("observations").asInt()).isZero();
        JsonNode bank = http.get("/iv-rank/BANKNIFTY?days=30&expiry=" + LocalDate.now().plusDays(40)).json();
        assertThat(bank.get("observations").asInt()).isBetween(19, 20);
        assertThat(bank.get("lookback_days").asInt()).isEqualTo(30);
        // by default the last 252 sessions: all 20 stored days (shorter history), the span says which
        JsonNode sessions = http.get("/iv-rank/BANKNIFTY?expiry=" + LocalDate.now().plusDays(40)).json();
        assertThat(sessions.get("lookback_sessions").asInt()).isEqualTo(252);
        assertThat(sessions.get("observations").asInt()).isBetween(19, 20);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(LocalDate.parse(sessions.get("span_end").asText())).isBetween(today.minusDays(2),
                today.minusDays(1));
        assertThat(LocalDate.parse(sessions.get("span_start").asText())).isBetween(today.minusDays(21),
                today.minusDays(19));
        // five sessions: the newest five days with data only
        JsonNode five = http.get("/iv-rank/BANKNIFTY?sessions=5&expiry=" + LocalDate.now().plusDays(40)).json();
        assertThat(five.get("observations").asInt()).isEqualTo(5);
        assertError(http.get("/iv-rank/BANKNIFTY?sessions=1"), 400, "sessions");
    }

    @Test
    void realisedVolatilityFromDailySessionsOfStoredCandles() {
        // 12 completed UTC days of four 15-minute candles each for SENSEX (no other test stores its candles), plus
        // one candle of today, which is not a completed session and must be left out
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        List<OhlcBar> sessions = new java.util.ArrayList<>();
        double close = 70_000;
        for (int d = 12; d >= 1; d--) {
            Instant dayStart = today.minusDays(d).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                    .plus(Duration.ofHours(4));
            double open = close * (1 + 0.002 * Math.sin(d));
            double high = open;
            double low = open;
            double price = open;
            for (int c = 0; c < 4; c++) {
                double next = price * (1 + 0.004 * Math.cos(3 * d + c));
                double candleHigh = Math.max(price, next) * 1.001;
                double candleLow = Math.min(price, next) * 0.999;
                Instant start = dayStart.plus(Duration.ofMinutes(15L * c));
                market.candle(new Candle("SENSEX", 15, price, candleHigh, candleLow, next, start,
                        start.plus(Duration.ofMinutes(15)), 10));
                high = Math.max(high, candleHigh);
                low = Math.min(low, candleLow);
                price = next;
            }
            close = price;
            sessions.add(new OhlcBar(dayStart, dayStart, open, high, low, close, 0, 4));
        }
        Instant now = today.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(60);
        market.candle(new Candle("SENSEX", 15, 1, 1_000_000, 0.5, 2, now, now.plus(Duration.ofMinutes(15)), 1));

        JsonNode rv = http.get("/realised-vol/SENSEX").json();
        assertThat(rv.get("sessions_available").asInt()).isEqualTo(12);
        assertThat(rv.get("span_start").asText()).isEqualTo(today.minusDays(12).toString());
        assertThat(rv.get("span_end").asText()).isEqualTo(today.minusDays(1).toString());
        JsonNode ten = rv.get("windows").get(0);
        assertThat(ten.get("sessions").asInt()).isEqualTo(10);
        var expected = io.deltastream.quant.volatility.RealisedVolatility.of(sessions, 10);
        assertThat(ten.get("close_to_close").asDouble()).isCloseTo(expected.closeToClose(), within(1e-12));
        assertThat(ten.get("parkinson").asDouble()).isCloseTo(expected.parkinson(), within(1e-12));
        assertThat(ten.get("garman_klass").asDouble()).isCloseTo(expected.garmanKlass(), within(1e-12));
        assertThat(ten.get("yang_zhang").asDouble()).isCloseTo(expected.yangZhang(), within(1e-12));
        JsonNode twenty = rv.get("windows").get(1);
        assertThat(twenty.get("sessions").asInt()).isEqualTo(20);
        assertThat(twenty.get("yang_zhang").isNull()).isTrue();
        assertError(http.get("/realised-vol/BANKNIFTY"), 404, "No completed session");
        assertError(http.get("/realised-vol/NOPE"), 404, "Unknown product");
    }

    @Test
    void surfaceQualityReportsTheStaticArbitrageOfTheFittedSlices() {
        JsonNode nifty = http.get("/surface-quality/NIFTY").json();
        assertThat(nifty.get("arbitrage_free").asBoolean()).isTrue();
        assertThat(nifty.get("slices")).hasSize(2);
        assertThat(nifty.get("slices").get(0).get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(nifty.get("slices").get(0).get("min_g").asDouble()).isPositive();
        assertThat(nifty.get("calendar_violations")).isEmpty();
        // the fixture's SVI fits report rmse 0.001; SSVI (three parameters for the whole surface) fits its gentle
        // quadratic smiles better, so the surface endpoint serves the SSVI slices, in raw SVI form and the reference's
        // shape, each with its measured rmse
        assertThat(nifty.get("svi_rmse").asDouble()).isCloseTo(0.001, within(1e-12));
        assertThat(nifty.get("ssvi").get("arbitrage_free").asBoolean()).isTrue();
        assertThat(nifty.get("ssvi").get("rmse").asDouble()).isLessThan(0.001);
        assertThat(nifty.get("surface_model").asText()).isEqualTo("ssvi");
        JsonNode niftySurface = http.get("/volatility-surface/NIFTY").json();
        assertThat(fieldNames(niftySurface)).containsExactly("product", "expiries", "timestamp");
        JsonNode niftyFit = niftySurface.get("expiries").get(0).get("svi");
        assertThat(niftyFit.get("rho").asDouble()).isCloseTo(nifty.get("ssvi").get("rho").asDouble(), within(1e-12));
        assertThat(niftyFit.get("rmse").asDouble()).isLessThan(0.001);

        // FINNIFTY: a near expiry with Vogt's smile (Gatheral–Jacquier's butterfly-arbitrage example) and a far one
        // whose total variance is below it in the wings
        EnrichedChain base = MarketFixture.chain("FINNIFTY", NEAR, 21500, 50, 5, MarketFixture.now(), 1.0, 0);
        EnrichedChain vogt = withSmile(base, new io.deltastream.market.wire.SviParams(-0.0410, 0.1331, 0.3060,
                0.3586, 0.4153, 1e-6));
        EnrichedChain farBase = MarketFixture.chain("FINNIFTY", FAR, 21500, 50, 5, MarketFixture.now(), 1.0, 0);
        EnrichedChain flat = withSmile(farBase, new io.deltastream.market.wire.SviParams(0.02, 0.01, 0.0, 0.0, 0.1,
                1e-6));
        market.storeChain(vogt);
        market.cacheChain(vogt);
        market.storeChain(flat);
        market.cacheChain(flat);
        JsonNode fin = http.get("/surface-quality/FINNIFTY").json();
        assertThat(fin.get("arbitrage_free").asBoolean()).isFalse();
        JsonNode near = fin.get("slices").get(0);
        assertThat(near.get("min_g").asDouble()).isNegative();
        assertThat(near.get("butterfly_violations")).isNotEmpty();
        assertThat(near.get("butterfly_violations").get(0).get("min_g").asDouble()).isNegative();
        JsonNode calendar = fin.get("calendar_violations");
        assertThat(calendar).hasSize(1);
        assertThat(calendar.get(0).get("from_expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(calendar.get(0).get("to_expiry").asText()).isEqualTo(FAR.toString());
        assertThat(calendar.get(0).get("intervals").get(0).get("max_variance_drop").asDouble()).isPositive();
        assertError(http.get("/surface-quality/QQQ"), 404, "No fitted smile");

        // FINNIFTY's SVI fits claim rmse 1e-6, which SSVI does not beat: the endpoint keeps the SVI slices
        assertThat(fin.get("svi_rmse").asDouble()).isCloseTo(1e-6, within(1e-15));
        assertThat(fin.get("ssvi").get("rmse").asDouble()).isGreaterThan(1e-6);
        assertThat(fin.get("surface_model").asText()).isEqualTo("svi");
        JsonNode surface = http.get("/volatility-surface/FINNIFTY").json();
        assertThat(surface.get("expiries").get(0).get("svi").get("rho").asDouble()).isCloseTo(0.3060, within(1e-12));
    }

    private static EnrichedChain withSmile(EnrichedChain c, io.deltastream.market.wire.SviParams smile) {
        return new EnrichedChain(c.product(), c.expiry(), c.spotPrice(), c.strikes(), c.pcrOi(), c.pcrVolume(),
                c.atmStrike(), c.atmStraddlePrice(), c.maxPainStrike(), c.totalCallOi(), c.totalPutOi(),
                c.callBuildupOtm(), c.putBuildupOtm(), c.calls(), c.puts(), c.timestamp(), c.processedAt(),
                c.yearsToExpiry(), c.forward(), c.atmIv(), c.ivSkew(), c.expectedMove(), c.totalCallOiChange(),
                c.totalPutOiChange(), smile);
    }

    @Test
    void greeksMatchTheClosedForm() {
        // S = K = 100, T = 1, r = 5%, sigma = 20%: Hull's textbook call 10.4506, delta N(d1) = 0.63683
        JsonNode g = http.post("/greeks", Map.of("type", "CALL", "spot", 100, "strike", 100, "years", 1,
                "rate", 0.05, "volatility", 0.2)).json();
        assertThat(g.get("price").asDouble()).isCloseTo(10.4506, within(1e-4));
        assertThat(g.get("delta").asDouble()).isCloseTo(0.63683, within(1e-5));
        JsonNode iv = http.post("/implied-vol", Map.of("type", "call", "spot", 100, "strike", 100, "years", 1,
                "rate", 0.05, "price", g.get("price").asDouble())).json();
        assertThat(iv.get("implied_volatility").asDouble()).isCloseTo(0.2, within(1e-10));
        assertThat(iv.get("status").asText()).isEqualTo("OK");
        JsonNode below = http.post("/implied-vol", Map.of("type", "PUT", "spot", 100, "strike", 120, "years", 1,
                "price", 1.0)).json();
        assertThat(below.get("status").asText()).isEqualTo("BELOW_INTRINSIC");
        assertThat(below.get("implied_volatility").isNull()).isTrue();
    }

    @Test
    void calculatorBatchesAreBoundedAndValidated() {
        Map<String, Object> o = Map.of("type", "PUT", "spot", 100, "strike", 95, "days", 30, "volatility", 0.25);
        JsonNode batch = http.post("/greeks", Map.of("options", List.of(o, o, o))).json();
        assertThat(batch.get("count").asInt()).isEqualTo(3);
        assertThat(batch.get("results").get(2).get("delta").asDouble()).isBetween(-1.0, 0.0);
        assertError(http.post("/greeks", Map.of("options", List.of(o, o, o, o))), 413, "at most 3");
        assertError(http.post("/greeks", Map.of("options", "all of them")), 400, "must be an array");
        assertError(http.post("/greeks", Map.of("options", List.of())), 400, "at least 1");
        assertError(http.post("/greeks", Map.of("type", "STRADDLE", "spot", 100, "strike", 95, "days", 30,
                "volatility", 0.25)), 400, "type");
        assertError(http.post("/greeks", Map.of("type", "CALL", "spot", 100, "strike", 95, "volatility", 0.25)),
                400, "years");
        assertError(http.post("/greeks", "not json"), 400, "Malformed JSON");
        assertError(http.send("POST", "/greeks", "{}", "Content-Type", "text/plain"), 415, "application/json");
    }

    @Test
    void aBatchIsAnsweredPerItemSoOneBadQuoteDoesNotCostTheOthers() {
        Map<String, Object> good = Map.of("type", "CALL", "spot", 100, "strike", 100, "years", 1, "rate", 0.05,
                "price", 10.450583572185565);
        Map<String, Object> negative = Map.of("type", "CALL", "spot", 100, "strike", 100, "years", 1, "rate", 0.05,
                "price", -1);
        JsonNode iv = http.post("/implied-vol", Map.of("options", List.of(good, negative, "not an option"))).json();
        assertThat(iv.get("count").asInt()).isEqualTo(3);
        assertThat(iv.get("errors").asInt()).isEqualTo(2);
        assertThat(iv.get("results").get(0).get("implied_volatility").asDouble()).isCloseTo(0.2, within(1e-10));
        assertThat(iv.get("results").get(1).get("field").asText()).isEqualTo("price");
        assertThat(iv.get("results").get(1).get("error").asText()).contains("price");
        assertThat(iv.get("results").get(1).has("implied_volatility")).isFalse();
        assertThat(iv.get("results").get(2).get("error").asText()).contains("JSON object");
        assertThat(iv.get("results").get(2).get("field").isNull()).isTrue();

        Map<String, Object> greeks = Map.of("type", "PUT", "spot", 100, "strike", 95, "days", 30, "volatility", 0.25);
        JsonNode batch = http.post("/greeks", Map.of("options", List.of(greeks,
                Map.of("type", "PUT", "spot", -1, "strike", 95, "days", 30, "volatility", 0.25),
                Map.of("type", "PUT", "spot", 100, "strike", 95, "days", 30, "volatility", 0.25, "colour", 1)))).json();
        assertThat(batch.get("results").get(0).get("delta").asDouble()).isBetween(-1.0, 0.0);
        assertThat(batch.get("results").get(1).get("field").asText()).isEqualTo("spot");
        assertThat(batch.get("results").get(2).get("field").asText()).isEqualTo("colour");
        assertThat(batch.get("errors").asInt()).isEqualTo(2);
    }

    @Test
    void americanOptionsUseAndersenLakeOffengeldenAndAPriceAtExerciseValueHasNoVolatility() {
        // issue 17's call: reference 577.975, Bjerksund–Stensland 2002 gave the European 557.67
        Map<String, Object> call = Map.of("type", "CALL", "model", "american", "spot", 740.107, "strike", 218.308,
                "years", 2.5233, "rate", 0.048791, "dividend_yield", 0.030722, "volatility", 1.062982);
        JsonNode g = http.post("/greeks", call).json();
        assertThat(g.get("price").asDouble()).isCloseTo(577.975, within(0.02));
        assertThat(g.get("delta").asDouble()).isBetween(0.0, 1.0);
        JsonNode quick = http.post("/greeks", Map.of("type", "CALL", "model", "bjerksund_stensland_2002", "spot",
                740.107, "strike", 218.308, "years", 2.5233, "rate", 0.048791, "dividend_yield", 0.030722,
                "volatility", 1.062982)).json();
        assertThat(quick.get("price").asDouble()).isCloseTo(557.67, within(0.01));
        // SPY 525 put at spot 475.49 quoted at intrinsic 49.51: not the solver's lower bound
        JsonNode atIntrinsic = http.post("/implied-vol", Map.of("type", "PUT", "model", "american", "spot", 475.49,
                "strike", 525, "years", 0.1, "rate", 0.05, "dividend_yield", 0.013, "price", 49.51)).json();
        assertThat(atIntrinsic.get("status").asText()).isEqualTo("AT_INTRINSIC");
        assertThat(atIntrinsic.get("implied_volatility").isNull()).isTrue();
        JsonNode solved = http.post("/implied-vol", Map.of("type", "CALL", "model", "american", "spot", 740.107,
                "strike", 218.308, "years", 2.5233, "rate", 0.048791, "dividend_yield", 0.030722, "price",
                g.get("price").asDouble())).json();
        assertThat(solved.get("implied_volatility").asDouble()).isCloseTo(1.062982, within(1e-6));
    }

    @Test
    void strategyLongStraddle() {
        Map<String, Object> call = Map.of("type", "CALL", "strike", 100, "days", 30, "quantity", 1, "entry_price", 4);
        Map<String, Object> put = Map.of("type", "PUT", "strike", 100, "days", 30, "quantity", 1, "entry_price", 3);
        JsonNode s = http.post("/strategy", Map.of("spot", 100, "volatility", 0.2, "legs", List.of(call, put))).json();
        assertThat(s.get("max_loss").asDouble()).isCloseTo(-7.0, within(1e-9));
        assertThat(s.get("max_profit_unbounded").asBoolean()).isTrue();
        assertThat(s.get("max_profit").isNull()).isTrue();
        assertThat(s.get("breakevens").get(0).asDouble()).isCloseTo(93.0, within(1e-6));
        assertThat(s.get("breakevens").get(1).asDouble()).isCloseTo(107.0, within(1e-6));
        assertThat(s.get("payoff")).hasSize(41);
        assertError(http.post("/strategy", Map.of("spot", 100, "volatility", 0.2, "legs", List.of())), 400, "legs");
    }
}
