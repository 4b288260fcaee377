package io.deltastream.platform.service;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.health.Health;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.platform.http.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.MDC;

/** What a {@link Service} gets to install itself: configuration, routes, health, metrics, lifecycle. */
public final class ServiceContext {
    private final String name;
    private final Env env;
    private final boolean embedded;
    private final SharedResources shared;
    private final MeterRegistry metrics;
    private final Health health;
    private final Routes routes = new Routes();
    private final List<Runnable> startHooks = new ArrayList<>();
    private final List<AutoCloseable> stopHooks = new ArrayList<>();
    private final Map<String, Set<String>> infrastructure = new LinkedHashMap<>();
    private FrontServer front;

    ServiceContext(String name, Env env, boolean embedded, SharedResources shared, MeterRegistry metrics, Health health) {
        this.name = name;
        this.env = env;
        this.embedded = embedded;
        this.shared = shared;
        this.metrics = metrics;
        this.health = health;
    }

    public String name() {
        return name;
    }

    public Env env() {
        return env;
    }

    /** True when every service runs in this one JVM ({@code ./deltastream run}). */
    public boolean embedded() {
        return embedded;
    }

    public Routes routes() {
        return routes;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    /** Makes {@code /health} report 503 while {@code check} fails. */
    public void healthCheck(HealthCheck check) {
        health.add(check);
    }

    /** An informational field of the {@code /health} body, e.g. a client count. */
    public void healthDetail(String field, Supplier<?> value) {
        health.detail(field, value);
    }

    /** A resource shared with the other services of this process (see {@link SharedResources}). */
    public <T> T shared(String key, Class<T> type, Supplier<? extends T> factory) {
        return shared.get(key, type, factory);
    }

    /**
     * Records which infrastructure this service uses in a role ({@code bus}, {@code cache}, {@code store}), e.g.
     * {@code redis 10.0.0.5:6379/0}; the start-up line lists them so that an operator sees at once what a process is
     * connected to. No credentials: callers pass hosts and paths only.
     */
    public void uses(String role, String what) {
        infrastructure.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(what);
    }

    /** Runs once the HTTP listener is up (start consumers, feeds, timers here). */
    public void onStarted(Runnable hook) {
        startHooks.add(hook);
    }

    /** Closed on shutdown after the HTTP listener stops, in reverse order of registration. */
    public void onStop(AutoCloseable resource) {
        stopHooks.add(resource);
    }

    /**
     * An unstarted daemon thread whose log lines carry this service's name. The caller starts it and
     * stops it (usually via {@link #onStop}).
     */
    public Thread thread(String threadName, Runnable body) {
        Thread t = new Thread(() -> {
            MDC.put("service", name);
            body.run();
        }, name + "-" + threadName);
        t.setDaemon(true);
        return t;
    }

    /**
     * Serves the public port with {@code server} instead of the platform's HTTP listener, which then listens on
     * loopback only and receives what the front forwards (see {@link FrontServer}).
     */
    public void front(FrontServer server) {
        if (front != null) {
            throw new IllegalStateException("a front server is already set");
        }
        front = server;
    }

    FrontServer front() {
        return front;
    }

    List<Runnable> startHooks() {
        return startHooks;
    }

    /** What {@link #uses} recorded, e.g. {@code bus: in-process, store: sqlite data/auth.db}; empty when nothing. */
    String infrastructure() {
        StringBuilder out = new StringBuilder();
        infrastructure.forEach((role, what) -> out.append(out.isEmpty() ? "" : ", ").append(role).append(": ")
                .append(String.join(" + ", what)));
        return out.toString();
    }

    List<AutoCloseable> stopHooks() {
        return stopHooks;
    }
}
