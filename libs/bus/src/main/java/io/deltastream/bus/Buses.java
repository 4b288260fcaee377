package io.deltastream.bus;

import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.bus.redis.RedisBus;
import io.deltastream.platform.service.ServiceContext;

/**
 * Opens the bus a service should use: Redis when {@code REDIS_URL} is set, otherwise the in-process bus. Services
 * of one process share the instance (in embedded mode all services talk through the same in-process bus).
 */
public final class Buses {
    private Buses() {
    }

    /** The process's bus; registers its health check on the service. */
    public static Bus open(ServiceContext ctx) {
        BusConfig config = BusConfig.from(ctx.env());
        Bus bus = ctx.shared(config.redisUrl().isPresent() ? "bus:redis" : "bus:memory", Bus.class,
                () -> open(config));
        ctx.healthCheck(bus.healthCheck());
        return bus;
    }

    /** A new bus for {@code config} (tools and tests; services use {@link #open(ServiceContext)}). */
    public static Bus open(BusConfig config) {
        return config.redisUrl().isPresent() ? RedisBus.connect(config) : new InMemoryBus(config);
    }
}
