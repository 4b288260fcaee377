package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two gateway replicas over one Redis draw on one allowance per client instead of one each. */
class SharedClientLimitTest {
    private static final String INTERNAL = "shared-limit-internal-0123456789abcdefghij";
    private static final String ADMIN = "shared-limit-admin-0123456789abcdefghijkl";

    private static TestServices replica(EmbeddedRedis redis, String echoUrl) {
        // one window of burst / rate = 4 s, opened by the client's first request
        return new TestServices().env("JWT_SECRET", AuthApiTest.SECRET).env("INTERNAL_TOKEN", INTERNAL)
                .env("ADMIN_TOKEN", ADMIN).env("REDIS_URL", redis.url()).env("AI_SERVICE_URL", echoUrl)
                .env("GATEWAY_RATE_LIMIT_RPS", "1").env("GATEWAY_RATE_LIMIT_BURST", "4");
    }

    @Test
    void aClientGetsItsBurstOnceAcrossReplicasThen429WithRetryAfter() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(); TestServices echoes = new TestServices()) {
            RunningService echo = echoes.start(new EchoService("ai-echo"));
            try (TestServices one = replica(redis, echo.baseUrl()); TestServices two = replica(redis,
                    echo.baseUrl())) {
                List<HttpJson> gateways = List.of(TestServices.http(one.start(new ApiGatewayService())),
                        TestServices.http(two.start(new ApiGatewayService())));
                List<Integer> statuses = new ArrayList<>();
                HttpJson.Response last = null;
                for (int i = 0; i < 6; i++) {
                    last = gateways.get(i % 2).get("/api/ai/pulse");
                    statuses.add(last.status());
                }
                // each replica alone would let 4 through: 8 in all
                assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
                assertThat(last.json().path("error").asText()).contains("Rate limit");
                assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 4L);
            }
        }
    }
}
