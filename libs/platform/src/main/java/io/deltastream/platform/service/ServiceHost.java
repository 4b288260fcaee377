package io.deltastream.platform.service;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.health.Health;
import io.deltastream.platform.http.HttpServerConfig;
import io.deltastream.platform.http.ServiceHttpServer;
import io.deltastream.platform.logging.Logging;
import io.deltastream.platform.metrics.ServiceMetrics;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Starts a {@link Service}: configuration checks, install, HTTP listener, start hooks. */
public final class ServiceHost {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);
    private static final Pattern SERVICE_LINK = Pattern.compile("(tcp|udp|sctp)://[^/\\s]+:\\d+");

    /** The reference's published default; accepted only when nothing is shared across processes. */
    public static final String DEFAULT_JWT_SECRET = "your-secret-key-change-in-production";

    private ServiceHost() {
    }

    /**
     * Starts {@code service}.
     *
     * @param embedded true when all services share this JVM; then only {@code <NAME>_PORT} selects
     *                 the port, since a single {@code PORT} cannot serve ten listeners
     */
    public static RunningService start(Service service, Env env, SharedResources shared, boolean embedded)
            throws Exception {
        String name = service.name();
        MDC.put("service", name);
        try {
            Logging.configure(env);
            checkDistributedSecrets(env);
            int port = port(service, env, embedded);
            HttpServerConfig httpConfig = HttpServerConfig.from(env, port);
            ServiceMetrics metrics = new ServiceMetrics(name);
            Health health = new Health(name);
            ServiceContext ctx = new ServiceContext(name, env, embedded, shared, metrics.registry(), health);
            ServiceHttpServer server = null;
            FrontServer front = null;
            int publicPort;
            try {
                service.install(ctx);
                front = ctx.front();
                if (front == null) {
                    server = ServiceHttpServer.start(name, httpConfig, ctx.routes(), health, metrics);
                    publicPort = server.port();
                } else {
                    server = ServiceHttpServer.start(name, httpConfig.withPort(0), ctx.routes(), health, metrics,
                            InetAddress.getLoopbackAddress());
                    publicPort = front.start(port, server.port());
                }
            } catch (Exception | Error e) {
                if (front != null) {
                    front.close();
                }
                if (server != null) {
                    server.stop();
                }
                closeAll(ctx.stopHooks(), LOG);
                metrics.close();
                throw e;
            }
            RunningService running = new RunningService(name, server, publicPort, front, ctx.stopHooks(), metrics);
            try {
                ctx.startHooks().forEach(Runnable::run);
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
            LOG.info("started on port {}", publicPort);
            return running;
        } finally {
            MDC.remove("service");
        }
    }

    /** The environment variable that sets this service's port, e.g. {@code API_GATEWAY_PORT}. */
    public static String portVariable(Service service) {
        return service.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    /**
     * The listening port: {@code <NAME>_PORT}, else (alone) {@code PORT}, else the default. A {@code <NAME>_PORT} of
     * the form {@code tcp://10.0.0.7:8001} is not ours: Kubernetes (service links) and Docker links inject one for
     * every Service of the namespace, naming that Service's address. It is ignored with a warning, so a pod whose
     * manifest forgot {@code enableServiceLinks: false} still starts on its own port instead of crash-looping.
     */
    static int port(Service service, Env env, boolean embedded) {
        String specific = portVariable(service);
        boolean link = env.optional(specific).filter(v -> SERVICE_LINK.matcher(v).matches()).isPresent();
        if (link) {
            LOG.warn("ignoring {}={}: a container platform's service link, not a port; set PORT or disable service"
                    + " links (Kubernetes: enableServiceLinks: false)", specific, env.optional(specific).orElseThrow());
        } else if (env.isSet(specific)) {
            return env.port(specific, service.defaultPort());
        }
        return embedded ? service.defaultPort() : env.port("PORT", service.defaultPort());
    }

    /**
     * Refuses the reference's published JWT secret once Redis or MongoDB is configured: then tokens
     * cross processes and machines, and a known secret lets anyone forge them.
     */
    static void checkDistributedSecrets(Env env) {
        boolean distributed = env.isSet("REDIS_URL") || env.isSet("MONGO_URL");
        String secret = env.string("JWT_SECRET", DEFAULT_JWT_SECRET);
        if (distributed && (secret.equals(DEFAULT_JWT_SECRET) || secret.length() < 32)) {
            throw new ConfigException("JWT_SECRET must be set to a private value of at least 32 characters"
                    + " when REDIS_URL or MONGO_URL is set (distributed mode)");
        }
    }

    static void closeAll(List<AutoCloseable> resources, Logger log) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("failed to close {}", c, e);
            }
        }
    }
}
