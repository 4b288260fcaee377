package io.deltastream.auth;

import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.TrustedProxies;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users, passwords and tokens: register, login, verify, refresh, logout. */
public final class AuthService implements Service {
    public static final String NAME = "auth";
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8001;
    }

    @Override
    public void install(ServiceContext ctx) {
        Env env = ctx.env();
        Clock clock = Clock.systemUTC();
        DocumentStore store = Stores.open(ctx, "auth");
        AccessTokens access = AccessTokens.fromEnv(env);
        Duration refreshTtl = Duration.ofSeconds(env.longValue("REFRESH_TOKEN_TTL_SECONDS", 7 * 86_400, 60,
                365L * 86_400));
        TokenStanding standing = new TokenStanding(Buses.open(ctx).cache(), clock);
        RefreshTokens refresh = new RefreshTokens(store, refreshTtl, standing, access.ttl(), clock);
        PasswordHasher hasher = new PasswordHasher(env.integer("BCRYPT_COST", 12, 4, 31));
        Credentials credentials = new Credentials(env.integer("PASSWORD_MIN_LENGTH", 6, 6, 72));
        FailureBackoff backoff = new FailureBackoff(
                env.integer("LOGIN_FREE_FAILURES", 3, 0, 1000),
                env.seconds("LOGIN_DELAY_BASE_SECONDS", Duration.ofSeconds(1), Duration.ofHours(1)),
                env.seconds("LOGIN_DELAY_MAX_SECONDS", Duration.ofMinutes(15), Duration.ofDays(1)),
                clock);
        LoginThrottle throttle = new LoginThrottle(
                env.integer("LOGIN_CLIENT_MAX_ATTEMPTS", 20, 1, 1_000_000),
                env.seconds("LOGIN_CLIENT_WINDOW_SECONDS", Duration.ofMinutes(1), Duration.ofDays(1)),
                backoff, clock);
        ClientAddress clients = new ClientAddress(TrustedProxies.fromEnv(env, "TRUSTED_PROXIES",
                List.of("127.0.0.1", "::1")), Credential.internal(env));
        new AuthRoutes(new Users(store), refresh, access, hasher, credentials, throttle, clients, standing, clock)
                .register(ctx.routes());

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                r -> ctx.thread("housekeeping", r));
        ctx.onStarted(() -> housekeeping.scheduleWithFixedDelay(() -> {
            try {
                throttle.prune();
                refresh.prune();
            } catch (RuntimeException e) {
                LOG.warn("auth housekeeping failed", e);
            }
        }, 10, 10, TimeUnit.MINUTES));
        ctx.onStop(housekeeping::shutdownNow);
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AuthService());
    }
}
