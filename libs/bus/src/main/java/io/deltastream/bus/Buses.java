package io.deltastream.bus;

import io.deltastream.bus.memory.InMemoryBus;
import io.deltastream.bus.redis.RedisBus;
import io.deltastream.platform.service.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the bus a service should use: Redis when {@code REDIS_URL} is set, otherwise the in-process bus. Services
 * of one process share the instance (in embedded mode all services talk through the same in-process bus).
 */
public final class Buses {
    private static final Logger LOG = LoggerFactory.getLogger(Buses.class);

    private Buses() {
    }

    /**
     * The process's bus; registers its health check on the service and records what it is for the start-up line. A
     * service started alone without {@code REDIS_URL} is warned about: nothing outside its process sees its messages.
     */
    public static Bus open(ServiceContext ctx) {
        BusConfig config = BusConfig.from(ctx.env());
        String where = config.redisUrl().map(u -> "redis " + u.getHost() + ":" + (u.getPort() < 0 ? 6379 : u.getPort())
                + (u.getPath() == null || u.getPath().isEmpty() ? "" : u.getPath())).orElse("in-process");
        ctx.uses("bus", where);
        ctx.uses("cache", where);
        if (config.redisUrl().isEmpty() && !ctx.embedded()) {
            LOG.warn("isolated: REDIS_URL is not set, so {} runs on an in-process bus and cache; no other process"
                    + " will see its messages or cached values", ctx.name());
        }
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
