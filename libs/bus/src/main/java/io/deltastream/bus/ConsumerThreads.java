package io.deltastream.bus;

import io.deltastream.platform.logging.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The consumer loop shared by the adapters: N threads each fetch a batch, run the handler, and settle the batch;
 * an optional maintenance thread periodically fetches reclaimed work. Nothing a handler or the bus throws ends a
 * thread: handler failures fail the batch (retry), bus failures are logged and retried with a growing pause.
 * Log lines of these threads carry the name of the service that started them. For adapters; services use
 * {@link WorkQueues#consume}.
 */
public final class ConsumerThreads implements WorkConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerThreads.class);
    private static final long MAX_PAUSE_MS = 5_000;

    /** Fetches the next batch for thread {@code index}, waiting up to about a second; empty when there is none. */
    @FunctionalInterface
    public interface Source {
        List<Delivery> fetch(int index) throws Exception;
    }

    /** Records the outcome of every delivery of a handled batch. */
    @FunctionalInterface
    public interface Settler {
        void settle(List<Delivery> batch) throws Exception;
    }

    private final String name;
    private final int batchSize;
    private final WorkHandler handler;
    private final Settler settler;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean abandoned;

    /**
     * Starts the threads.
     *
     * @param batchSize    most deliveries per handler call (larger fetches are split)
     * @param reclaimer    fetches work reclaimed from dead consumers, or null
     * @param reclaimEvery pause between reclaimer runs
     */
    public ConsumerThreads(String name, int concurrency, int batchSize, Source source, WorkHandler handler,
                           Settler settler, Source reclaimer, Duration reclaimEvery) {
        this.name = name;
        this.batchSize = batchSize;
        this.handler = handler;
        this.settler = settler;
        // the consuming service's logging context (its name), so that the handler's lines say whose they are; not a
        // trace the creating thread happens to be in: each batch opens its own
        Map<String, String> context = Optional.ofNullable(MDC.getCopyOfContextMap()).orElseGet(HashMap::new);
        context.remove(Tracing.MDC_TRACE_ID);
        context.remove(Tracing.MDC_SPAN_ID);
        for (int i = 0; i < concurrency; i++) {
            int index = i;
            threads.add(start(name + "-" + i, context, () -> loop(() -> source.fetch(index), Duration.ZERO)));
        }
        if (reclaimer != null) {
            threads.add(start(name + "-reclaim", context, () -> loop(() -> reclaimer.fetch(-1), reclaimEvery)));
        }
    }

    private static Thread start(String threadName, Map<String, String> context, Runnable body) {
        Thread t = new Thread(() -> {
            MDC.setContextMap(context);
            body.run();
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @FunctionalInterface
    private interface Fetch {
        List<Delivery> next() throws Exception;
    }

    private void loop(Fetch fetch, Duration pauseBetween) {
        long pause = 100;
        while (running) {
            List<Delivery> batch;
            try {
                if (!pauseBetween.isZero()) {
                    TimeUnit.MILLISECONDS.sleep(pauseBetween.toMillis());
                }
                batch = fetch.next();
                pause = 100;
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                LOG.warn("{}: cannot fetch work ({}); retrying in {} ms", name, Delivery.describe(e), pause);
                if (!sleep(pause)) {
                    break;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
                continue;
            }
            for (int from = 0; from < batch.size() && !abandoned; from += batchSize) {
                runBatch(batch.subList(from, Math.min(batch.size(), from + batchSize)));
            }
        }
    }

    /**
     * Runs the handler under the trace of the batch's first traced message (a batch usually comes from one producer
     * call, e.g. one feed cycle), so that its log lines carry that trace id; untraced batches open no span.
     */
    private void runBatch(List<Delivery> batch) {
        String traceparent = batch.stream().map(Delivery::traceparent).filter(Objects::nonNull)
                .findFirst().orElse(null);
        try (Tracing.Span span = traceparent == null ? null
                : Tracing.continueFrom(traceparent, "handle " + name, Tracing.Kind.CONSUMER)) {
            handler.handle(batch);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            if (abandoned) {
                return;
            }
            LOG.warn("{}: handler failed on a batch of {}: {}", name, batch.size(), Delivery.describe(t));
            for (Delivery d : batch) {
                if (d.outcome() != Delivery.Outcome.REJECT) {
                    d.fail(t);
                }
            }
        }
        if (abandoned) {
            return;
        }
        try {
            settler.settle(batch);
        } catch (Exception e) {
            // Unsettled deliveries stay pending and are delivered again after the visibility timeout.
            LOG.warn("{}: cannot settle a batch of {} ({}); it will be redelivered", name, batch.size(),
                    Delivery.describe(e));
        }
    }

    private static boolean sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close(Duration grace) {
        running = false;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            abandoned = true;
            LOG.warn("{}: batches still running after {} ms are abandoned and will be redelivered", name,
                    grace.toMillis());
            threads.forEach(Thread::interrupt);
        }
    }
}
