package io.deltastream.gateway;

import com.fasterxml.jackson.databind.util.RawValue;
import io.deltastream.bus.Bus;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.TrustedProxies;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** The single entry point for REST clients: routes /api/* to the services, enforces authentication, serves the dashboard and the API documentation. */
public final class ApiGatewayService implements Service {
    public static final String NAME = "api-gateway";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8000;
    }

    @Override
    public boolean edge() {
        return true;
    }

    @Override
    public void install(ServiceContext ctx) {
        Env env = ctx.env();
        Duration connect = env.seconds("GATEWAY_CONNECT_TIMEOUT_SECONDS", Duration.ofSeconds(2), Duration.ofMinutes(1));
        Map<String, Downstream> services = new LinkedHashMap<>();
        services.put(Endpoints.AUTH, downstream(env, Endpoints.AUTH, "Auth", "AUTH_SERVICE_URL", 8001, connect));
        services.put(Endpoints.STORAGE, downstream(env, Endpoints.STORAGE, "Storage", "STORAGE_SERVICE_URL", 8003,
                connect));
        services.put(Endpoints.ANALYTICS, downstream(env, Endpoints.ANALYTICS, "Analytics", "ANALYTICS_SERVICE_URL",
                8004, connect));
        services.put(Endpoints.AI, downstream(env, Endpoints.AI, "AI", "AI_SERVICE_URL", 8006, connect));
        services.put(Endpoints.TRADE, downstream(env, Endpoints.TRADE, "Trade", "TRADE_SERVICE_URL", 8007, connect));

        Duration dataTimeout = env.seconds("GATEWAY_TIMEOUT_SECONDS", Duration.ofSeconds(10), Duration.ofMinutes(10));
        Duration aiTimeout = env.seconds("AI_TIMEOUT_SECONDS", Duration.ofSeconds(30), Duration.ofMinutes(10));
        Duration chatTimeout = env.seconds("AI_CHAT_TIMEOUT_SECONDS", Duration.ofSeconds(60), Duration.ofMinutes(10));
        boolean marketDataRequiresAuth = env.bool("MARKET_DATA_REQUIRES_AUTH", false);
        double rate = env.integer("GATEWAY_RATE_LIMIT_RPS", 100, 0, 1_000_000);
        double burst = env.integer("GATEWAY_RATE_LIMIT_BURST", 200, 1, 10_000_000);
        Bus bus = Buses.open(ctx);
        ClientRateLimiter limiter = env.isSet("REDIS_URL") ? ClientRateLimiter.shared(bus.cache(), rate, burst)
                : ClientRateLimiter.local(rate, burst);
        EdgeAuth auth = new EdgeAuth(AccessTokens.fromEnv(env), new TokenStanding(bus.cache(), Clock.systemUTC()),
                marketDataRequiresAuth);

        List<Endpoint> endpoints = Endpoints.all(dataTimeout, aiTimeout, chatTimeout);
        String document = Json.string(OpenApiDocument.build(endpoints, marketDataRequiresAuth));
        ctx.routes().get("/api/docs", req -> new RawValue(document));
        new DocsUi().register(ctx.routes());
        Dashboard dashboard = new Dashboard(Dashboard.ROOT, env.uri("DASHBOARD_SOCKET_URL", Set.of("http", "https")),
                env.port("SOCKET_GATEWAY_PORT", 8002));
        dashboard.register(ctx.routes());
        if (!dashboard.built()) {
            LoggerFactory.getLogger(ApiGatewayService.class).warn(Dashboard.NOT_BUILT);
        }
        new GatewayRoutes(new Proxy(services, Credential.internal(env)), auth, limiter,
                TrustedProxies.fromEnv(env, "GATEWAY_TRUSTED_PROXIES", List.of()))
                .register(ctx.routes(), endpoints, dataTimeout, aiTimeout);

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                r -> ctx.thread("rate-limit-prune", r));
        ctx.onStarted(() -> housekeeping.scheduleWithFixedDelay(limiter::prune, 1, 1, TimeUnit.MINUTES));
        ctx.onStop(housekeeping::shutdownNow);
        services.values().forEach(ctx::onStop);
    }

    private static Downstream downstream(Env env, String name, String display, String variable, int port,
                                         Duration connect) {
        URI uri = env.uri(variable, Set.of("http", "https")).orElse(URI.create("http://localhost:" + port));
        return Downstream.create(name, display, uri, connect);
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new ApiGatewayService());
    }
}
