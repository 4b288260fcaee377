package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.service.RunningService;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 3: in distributed mode a service behind the gateway answers only calls that carry the internal
 * credential, so its rate limits and edge authentication cannot be bypassed; the gateway itself, health probes and
 * metric scrapes need none.
 */
class InternalCredentialTest {
    private static final String INTERNAL = "internal-credential-test-0123456789abcdef";

    private static TestServices distributed(EmbeddedRedis redis) {
        return new TestServices().env("REDIS_URL", redis.url()).env("JWT_SECRET", AuthApiTest.SECRET)
                .env("BCRYPT_COST", "4");
    }

    @Test
    void directCallsToServicesBehindTheGatewayAreRefused() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             TestServices platform = distributed(redis).env("INTERNAL_TOKEN", INTERNAL)) {
            RunningService storage = platform.start(new StorageService());
            RunningService auth = platform.start(new AuthService());
            platform.env("STORAGE_SERVICE_URL", storage.baseUrl()).env("AUTH_SERVICE_URL", auth.baseUrl());
            HttpJson api = TestServices.http(platform.start(new ApiGatewayService()));
            HttpJson direct = TestServices.http(storage);

            assertError(direct.get("/products"), 401, "X-Internal-Token");
            assertError(direct.get("/products", "X-Internal-Token", "w".repeat(INTERNAL.length())), 401,
                    "X-Internal-Token");
            assertError(TestServices.http(auth).post("/register", Map.of("email", "a@example.com",
                    "password", "test123")), 401, "X-Internal-Token");
            assertThat(direct.get("/products", "X-Internal-Token", INTERNAL).status()).isEqualTo(200);
            assertThat(direct.get("/health").status()).isEqualTo(200);
            assertThat(direct.get("/metrics").status()).isEqualTo(200);

            // through the gateway, which presents the credential (and never forwards a client's own)
            assertThat(api.get("/api/data/products").status()).isEqualTo(200);
            HttpJson.Response registered = api.post("/api/auth/register", Map.of("email", "a@example.com",
                    "password", "test123"));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
    }

    @Test
    void distributedModeWithoutTheInternalTokenDoesNotStart() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(); TestServices platform = distributed(redis)) {
            assertThatThrownBy(() -> platform.start(new StorageService())).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("INTERNAL_TOKEN must be set");
        }
    }
}
