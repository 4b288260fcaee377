package io.deltastream.bus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers one subscription's messages and connection events to its listener on a thread of its own, through a
 * bounded buffer: a slow listener never blocks the publisher or the connection, and when its buffer is full new
 * messages for it are dropped (at-most-once). For adapters.
 */
public final class TopicDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicDispatcher.class);
    private static final int BUFFER = 10_000;

    private enum Kind { MESSAGE, LOST, RESTORED }

    private record Event(Kind kind, String topic, Payload body) {
    }

    private final TopicListener listener;
    private final Predicate<String> subscribed;
    private final BlockingQueue<Event> buffer = new ArrayBlockingQueue<>(BUFFER);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param subscribed whether a topic is still subscribed when its message is dispatched (messages buffered before
     *                   an unsubscribe are not delivered after it)
     */
    public TopicDispatcher(TopicListener listener, Predicate<String> subscribed) {
        this.listener = listener;
        this.subscribed = subscribed;
        String service = MDC.get("service");
        this.thread = Thread.ofVirtual().name("topic-subscriber").start(() -> {
            // the subscribing service's name on this thread's log lines (the listener's included)
            if (service != null) {
                MDC.put("service", service);
            }
            run();
        });
    }

    public void offer(String topic, String payload) {
        offer(topic, Payload.text(payload));
    }

    /** Queues {@code body} for the listener as it is (the in-process topics: no encoding on the way). */
    public void offer(String topic, Payload body) {
        enqueue(new Event(Kind.MESSAGE, topic, body));
    }

    public void connectionLost() {
        enqueue(new Event(Kind.LOST, null, null));
    }

    public void connectionRestored() {
        enqueue(new Event(Kind.RESTORED, null, null));
    }

    private void enqueue(Event e) {
        if (!buffer.offer(e) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("slow topic subscriber: {} messages dropped so far", dropped.get());
        }
    }

    private void run() {
        while (!closed) {
            Event e;
            try {
                e = buffer.take();
            } catch (InterruptedException interrupted) {
                return;
            }
            try {
                switch (e.kind) {
                    case MESSAGE -> {
                        if (subscribed.test(e.topic)) {
                            listener.onMessage(e.topic, e.body);
                        }
                    }
                    case LOST -> listener.onConnectionLost();
                    case RESTORED -> listener.onConnectionRestored();
                }
            } catch (RuntimeException ex) {
                LOG.warn("topic listener failed ({})", Delivery.describe(ex), ex);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
