package io.deltastream.trading;

import io.deltastream.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.Topics;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.auth.IssuedToken;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trade simulator started for real (HTTP, in-process bus, SQLite in a temp dir) with a settable clock, plus a
 * market-data publisher that puts enriched chains on the bus as the pipeline would.
 */
final class TradingFixture implements AutoCloseable {
    static final Product NIFTY = ProductUniverse.defaults().get("NIFTY");

    final TestServices services;
    final ManualClock clock;
    final TradeSimulatorService service;
    final RunningService running;
    final HttpJson http;
    final Bus bus;
    final LocalDate expiry;
    final LocalDate sentinelExpiry;
    private int published;
    /** The secret the simulator verifies tokens with, unless a test sets its own {@code JWT_SECRET}. */
    static final String SECRET = "trading-fixture-secret-0123456789abcdef";
    /** The internal credential, which the simulator requires in distributed mode. */
    static final String INTERNAL_TOKEN = "trading-fixture-internal-0123456789abcdef";
    final AccessTokens tokens;
    final TokenStanding standing;
    /** The quotes of the next chain, by symbol: {bid, ask, last}. */
    final Map<String, double[]> quotes = new HashMap<>();
    double spot = 21500;

    TradingFixture(Map<String, String> env) {
        this(new TestServices(), env, Instant.now());
    }

    TradingFixture(TestServices services, Map<String, String> env, Instant start) {
        this.services = services;
        services.env("JWT_SECRET", SECRET).env("INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.forEach(services::env);
        Env effective = Env.of(Map.of("JWT_SECRET", env.getOrDefault("JWT_SECRET", SECRET)));
        this.tokens = AccessTokens.fromEnv(effective);
        this.clock = new ManualClock(start);
        this.service = new TradeSimulatorService(clock);
        this.running = services.start(service);
        this.http = TestServices.http(running).withHeader(Credential.INTERNAL_HEADER, INTERNAL_TOKEN);
        this.bus = services.shared().get("bus:memory", Bus.class, () -> {
            throw new AssertionError("the service did not open the in-process bus");
        });
        this.standing = new TokenStanding(bus.cache(), java.time.Clock.systemUTC());
        this.expiry = ExpiryCalendar.upcoming(NIFTY, start).get(0);
        this.sentinelExpiry = ExpiryCalendar.upcoming(NIFTY, start).get(1);
    }

    String option(OptionType type, double strike) {
        return OptionSymbol.format("NIFTY", expiry, type, strike);
    }

    String token(String user) {
        return issued(user).token();
    }

    /** What the auth service does at login: vouches for the user and issues a token of a new session. */
    IssuedToken issued(String user) {
        standing.vouchFor(user, tokens.ttl());
        return tokens.issue(user, user + "@example.com", "session-of-" + user);
    }

    String[] auth(String user) {
        return new String[] {"Authorization", "Bearer " + token(user)};
    }

    /** Sets a quote for the next {@link #publish()}. */
    void quote(String symbol, double bid, double ask, double last) {
        quotes.put(symbol, new double[] {bid, ask, last});
    }

    /**
     * Publishes the NIFTY chain of {@link #expiry} (strikes 21300..21700) with the set quotes, then a one-strike
     * sentinel chain of the next expiry on the same topic, and waits until the sentinel is seen: topic messages are
     * handled one at a time in order, so the main chain (and the re-evaluation it caused) is done by then.
     */
    void publish() {
        Instant now = clock.instant();
        publishChain(bus.topics(), expiry, spot, now, quotes::get);
        double marker = 1000 + (++published) * 0.05;
        EnrichedQuote c = enriched(sentinelExpiry, OptionType.CALL, 21300, now, new double[] {marker - 1, marker + 1,
            marker});
        EnrichedQuote p = enriched(sentinelExpiry, OptionType.PUT, 21300, now, defaultQuote(OptionType.PUT, 21300));
        bus.topics().publish(MarketTopics.ENRICHED_OPTION_CHAIN,
                WireCodec.encode(chain(sentinelExpiry, spot, new double[] {21300}, List.of(c), List.of(p), now)));
        String probe = c.quote().symbol();
        Eventually.until("the chain reaches the simulator",
                () -> http.get("/api/trade/orderbook/" + probe).json().path("last_trade").asDouble() == marker);
        Eventually.until("the spot reaches the simulator",
                () -> http.get("/api/trade/orderbook/NIFTY").json().path("last_trade").asDouble() == spot);
    }

    /**
     * Publishes the NIFTY spot and its chain of {@code exp} (strikes 21300..21700) as the pipeline would: each
     * option's {bid, ask, last} from {@code quoted}, or {@link #defaultQuote} where it gives null.
     */
    static void publishChain(Topics topics, LocalDate exp, double spot, Instant now,
                             Function<String, double[]> quoted) {
        double[] strikes = {21300, 21400, 21500, 21600, 21700};
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (double k : strikes) {
            for (OptionType type : OptionType.values()) {
                double[] q = quoted.apply(OptionSymbol.format("NIFTY", exp, type, k));
                (type == OptionType.CALL ? calls : puts).add(enriched(exp, type, k, now,
                        q != null ? q : defaultQuote(type, k)));
            }
        }
        topics.publish(MarketTopics.ENRICHED_UNDERLYING,
                WireCodec.encode(new EnrichedUnderlying("NIFTY", spot, now, now)));
        topics.publish(MarketTopics.ENRICHED_OPTION_CHAIN, WireCodec.encode(chain(exp, spot, strikes, calls, puts,
                now)));
    }

    private static EnrichedChain chain(LocalDate exp, double spot, double[] strikes, List<EnrichedQuote> calls,
                                       List<EnrichedQuote> puts, Instant now) {
        return new EnrichedChain("NIFTY", exp, spot, strikes, 1, 1, 21500, 200, 21500, 0, 0, 0, 0, calls, puts, now,
                now, 0.05, spot, 0.13, 0, 100, 0, 0, null);
    }

    private static EnrichedQuote enriched(LocalDate exp, OptionType type, double strike, Instant now, double[] q) {
        String symbol = OptionSymbol.format("NIFTY", exp, type, strike);
        OptionQuote quote = new OptionQuote(symbol, "NIFTY", strike, exp, type, q[0], q[1], q[2], 1000, 5000, 0.5,
                0.001, 10, -5, 0.13, now);
        return new EnrichedQuote(quote, 1, 0, 0, Buildup.NEUTRAL);
    }

    static double[] defaultQuote(OptionType type, double strike) {
        double intrinsic = type == OptionType.CALL ? Math.max(0, 21500 - strike) : Math.max(0, strike - 21500);
        double mid = intrinsic + 100;
        return new double[] {mid - 1, mid + 1, mid};
    }

    JsonNode ok(HttpJson.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    @Override
    public void close() {
        services.close();
    }
}
