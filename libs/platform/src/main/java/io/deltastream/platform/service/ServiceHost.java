package io.deltastream.platform.service;

import io.deltastream.platform.auth.Credential;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.health.Health;
import io.deltastream.platform.http.HttpServerConfig;
import io.deltastream.platform.http.ServiceHttpServer;
import io.deltastream.platform.logging.Logging;
import io.deltastream.platform.logging.Tracing;
import io.deltastream.platform.metrics.ServiceMetrics;
import java.net.BindException;
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

    /** Sets the listening address of every service ({@code 0.0.0.0} = all interfaces). */
    public static final String BIND_VARIABLE = "BIND_ADDRESS";

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
            Tracing.configure(env);
            int port = port(service, env, embedded);
            InetAddress bind = bindAddress(env);
            // Resolved before install so that a missing secret stops start-up with one clear line.
            Credential required = distributed(env) && !service.edge() ? Credential.internal(env) : null;
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
                    server = ServiceHttpServer.start(name, httpConfig, ctx.routes(), health, metrics, bind, required);
                    publicPort = server.port();
                } else {
                    server = ServiceHttpServer.start(name, httpConfig.withPort(0), ctx.routes(), health, metrics,
                            InetAddress.getLoopbackAddress(), required);
                    publicPort = front.start(bind, port, server.port());
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
                BindException bindFailure = bindFailure(e);
                if (bindFailure != null) {
                    throw new ConfigException(name + " cannot listen on " + bind.getHostAddress() + ":" + port + " ("
                            + bindFailure.getMessage() + "); choose another port with " + portVariable(service)
                            + (embedded ? "" : " or PORT"));
                }
                throw e;
            }
            RunningService running = new RunningService(name, server, publicPort, front, ctx.stopHooks(), metrics);
            try {
                ctx.startHooks().forEach(Runnable::run);
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
            String uses = ctx.infrastructure();
            LOG.info("started on {} port {} ({})", bind.getHostAddress(), publicPort,
                    uses.isEmpty() ? "no bus, cache or store" : uses);
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
     * True when the platform runs as separate processes ({@code REDIS_URL} or {@code MONGO_URL} set): then shared
     * secrets must be given, listeners open to the network by default, and services other than the gateways demand
     * the internal credential.
     */
    public static boolean distributed(Env env) {
        return env.isSet("REDIS_URL") || env.isSet("MONGO_URL");
    }

    /**
     * {@code BIND_ADDRESS} (an IP literal); default loopback ({@code 127.0.0.1}) on a single machine, so that
     * nothing else on the network reaches the services, and all interfaces ({@code 0.0.0.0}) in distributed mode,
     * where containers are reached over their network.
     */
    static InetAddress bindAddress(Env env) {
        String fallback = distributed(env) ? "0.0.0.0" : "127.0.0.1";
        String value = env.string(BIND_VARIABLE, fallback);
        ConfigException invalid = new ConfigException(BIND_VARIABLE
                + " must be an IP address (127.0.0.1, 0.0.0.0, ::), got '" + value + "'");
        // Only literals: a host name would be looked up, and could resolve to anything.
        if (!value.matches("[0-9a-fA-F:.]+")) {
            throw invalid;
        }
        try {
            return InetAddress.getByName(value);
        } catch (java.net.UnknownHostException e) {
            throw invalid;
        }
    }

    /** Why a listener could not take its port (the HTTP listener's or a front server's), or null for other failures. */
    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return b;
            }
        }
        return null;
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
