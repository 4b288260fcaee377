package io.deltastream.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.deltastream.platform.auth.Credential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships every event, as the same JSON line stdout gets, to the logging-service's {@code POST /logs} (a JSON array of
 * entries per request, with the internal credential, which the logging-service takes for ingestion). Logging never waits for it: events go into a bounded queue that
 * one daemon thread drains in batches; when the queue is full or the logging-service cannot take a batch (down, slow,
 * refusing), those lines are dropped and counted ({@link #dropped()}), and the sender pauses a second before the next
 * batch. Its own failures are not logged (that would
 * feed them back into this queue): the first failure after a success prints one line on stderr. The
 * logging-service's own access lines for {@code POST /logs} are not shipped, since each would cause the next.
 */
public final class LogShippingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Lines waiting to be sent; beyond this, new lines are dropped. */
    static final int QUEUE_CAPACITY = 10_000;
    /** Most lines per request. */
    static final int BATCH_LINES = 500;
    private static final String INGESTION_SERVICE = "logging-service";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * Pause after a failed batch: a logging-service that fails every request (its Redis gone, say) logs an error per
     * request, which would otherwise be shipped at once and fail again, as fast as it can answer.
     */
    private static final long BACKOFF_MS = 1_000;

    private final URI endpoint;
    private final Credential credential;
    private final Encoder<ILoggingEvent> encoder;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile boolean failing;
    private Thread sender;

    /**
     * @param base       the logging-service's base URL ({@code LOGGING_SERVICE_URL})
     * @param credential presented on each request: the internal credential
     * @param encoder    turns an event into one JSON line (the stdout appender's encoder)
     */
    public LogShippingAppender(URI base, Credential credential, Encoder<ILoggingEvent> encoder) {
        this.endpoint = URI.create(base.toString().replaceFirst("/+$", "") + "/logs");
        this.credential = credential;
        this.encoder = encoder;
    }

    /** Lines dropped so far: queue full, or their batch not accepted. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines the logging-service accepted so far. */
    public long shipped() {
        return shipped.get();
    }

    @Override
    public void start() {
        sender = Thread.ofPlatform().daemon().name("log-shipper").start(this::run);
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (sender != null) {
            sender.interrupt();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        if ("access".equals(event.getLoggerName()) && INGESTION_SERVICE.equals(event.getMDCPropertyMap().get("service"))
                && event.getFormattedMessage().startsWith("POST /logs ")) {
            return;
        }
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH_LINES);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_LINES - 1);
                send(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<String> lines) throws InterruptedException {
        String body = "[" + String.join(",", lines) + "]";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(credential.header(), credential.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String problem;
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                shipped.addAndGet(lines.size());
                failing = false;
                return;
            }
            problem = "HTTP " + status;
        } catch (IOException e) {
            problem = e.toString();
        }
        dropped.addAndGet(lines.size());
        if (!failing) {
            failing = true;
            System.err.println("log shipping to " + endpoint + " failing (" + problem + "): dropping lines until it"
                    + " recovers");
        }
        Thread.sleep(BACKOFF_MS);
    }
}
