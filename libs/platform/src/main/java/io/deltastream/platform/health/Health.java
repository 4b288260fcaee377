package io.deltastream.platform.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of one service: its dependency checks (run in parallel, each bounded by a timeout)
 * plus informational fields such as a client count. A field that cannot be read (it often asks the same dependency
 * that is down, e.g. queue depths from Redis) is reported as unavailable: a probe never fails with a 500. Changes
 * between healthy and unhealthy are logged once each, not at every probe.
 */
public final class Health {
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final String service;
    private final List<HealthCheck> checks = new ArrayList<>();
    private final Map<String, Supplier<?>> details = new LinkedHashMap<>();
    private final AtomicBoolean wasHealthy = new AtomicBoolean(true);

    public Health(String service) {
        this.service = service;
    }

    public synchronized void add(HealthCheck check) {
        checks.add(check);
    }

    public synchronized void detail(String field, Supplier<?> value) {
        details.put(field, value);
    }

    /** The outcome of running every check once. */
    public record Report(boolean healthy, Map<String, Object> body) {
    }

    public Report report() {
        List<HealthCheck> current;
        Map<String, Supplier<?>> currentDetails;
        synchronized (this) {
            current = List.copyOf(checks);
            currentDetails = new LinkedHashMap<>(details);
        }
        Map<String, String> results = new LinkedHashMap<>();
        String firstFailure = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (HealthCheck c : current) {
                futures.add(pool.submit(() -> {
                    c.check();
                    return null;
                }));
            }
            for (int i = 0; i < current.size(); i++) {
                String outcome = outcome(futures.get(i));
                results.put(current.get(i).name(), outcome);
                if (!"up".equals(outcome) && firstFailure == null) {
                    firstFailure = current.get(i).name() + ": " + outcome;
                }
            }
            futures.forEach(f -> f.cancel(true));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("status", firstFailure == null ? "healthy" : "unhealthy");
        if (firstFailure != null) {
            body.put("error", firstFailure);
        }
        currentDetails.forEach((k, v) -> body.put(k, detail(v)));
        if (!results.isEmpty()) {
            body.put("dependencies", results);
        }
        boolean healthy = firstFailure == null;
        if (wasHealthy.compareAndSet(!healthy, healthy)) {
            if (healthy) {
                LOG.info("healthy again: every dependency is up");
            } else {
                LOG.warn("unhealthy: {} (logged once; /health answers 503 until it recovers)", firstFailure);
            }
        }
        return new Report(healthy, body);
    }

    private static Object detail(Supplier<?> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return "unavailable (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        }
    }

    private static String outcome(Future<?> f) {
        try {
            f.get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "up";
        } catch (TimeoutException e) {
            return "down (no answer within " + CHECK_TIMEOUT.toSeconds() + " s)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down (interrupted)";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return "down (" + msg + ")";
        }
    }
}
