package io.deltastream.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.bus.redis.RedisBus;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusesTest {
    /** A service that only opens the bus and remembers it. */
    private record Opener(String name, List<Bus> opened) implements Service {
        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void install(ServiceContext ctx) {
            opened.add(Buses.open(ctx));
        }
    }

    @Test
    void servicesOfOneProcessShareTheInProcessBus() {
        List<Bus> opened = new ArrayList<>();
        try (TestServices services = new TestServices()) {
            services.start(new Opener("one", opened));
            services.start(new Opener("two", opened));
            assertThat(opened).hasSize(2);
            assertThat(opened.get(0)).isInstanceOf(InMemoryBus.class).isSameAs(opened.get(1));
        }
    }

    @Test
    void redisUrlSelectsTheRedisBus() {
        List<Bus> opened = new ArrayList<>();
        try (EmbeddedRedis redis = EmbeddedRedis.start(); TestServices services = new TestServices()) {
            services.env("REDIS_URL", redis.url()).env("JWT_SECRET", "x".repeat(40)).env("INTERNAL_TOKEN", "i".repeat(40));
            services.start(new Opener("one", opened));
            services.start(new Opener("two", opened));
            assertThat(opened.get(0)).isInstanceOf(RedisBus.class).isSameAs(opened.get(1));
            opened.get(0).cache().set("k", "v", java.time.Duration.ofSeconds(5));
            assertThat(opened.get(1).cache().get("k")).contains("v");
        }
    }
}
