package io.deltastream.socket.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-client outbox: direct delivery, ordering, conflation, staleness, and the slow-client policy. */
class ClientSessionTest {
    /** A connection whose readiness the test controls. */
    static final class FakeConnection implements ClientConnection {
        boolean ready = true;
        boolean closed;
        final List<String> sent = new ArrayList<>();

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public void send(Outgoing m) {
            sent.add(m.event() + " " + m.json());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);
    private final FakeConnection connection = new FakeConnection();
    private final List<ClientSession> behind = new ArrayList<>();
    private final ClientSession session = new ClientSession("s1", connection, 8, metrics, behind::add);

    private static Outgoing price(String product, long version) {
        return Outgoing.latest("underlying_update", "{\"p\":\"" + product + "\",\"v\":" + version + "}", "u|" + product,
                version, System.nanoTime());
    }

    private double counter(String name, String tag, String value) {
        var c = registry.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aReadyClientGetsMessagesAtOnce() {
        session.offer(Outgoing.ordered("connected", "{}"));
        session.offer(price("NIFTY", 1));
        assertThat(connection.sent).containsExactly("connected {}", "underlying_update {\"p\":\"NIFTY\",\"v\":1}");
        assertThat(behind).isEmpty();
        assertThat(counter("socket.messages.sent", "event", "underlying_update")).isEqualTo(1);
    }

    @Test
    void anOfferMadeWhileTheClientIsBeingRegisteredComesAfterItsFirstMessage() throws Exception {
        java.util.concurrent.CountDownLatch registering = new java.util.concurrent.CountDownLatch(1);
        Thread publisher = new Thread(() -> {
            try {
                registering.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.offer(Outgoing.ordered("order_update", "{\"id\":1}"));
        });
        publisher.start();
        session.begin(() -> {
            registering.countDown();
            // the publisher now finds the client reachable; give it every chance to overtake
            try {
                publisher.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Outgoing.ordered("connected", "{}"));
        publisher.join();
        assertThat(connection.sent).containsExactly("connected {}", "order_update {\"id\":1}");
    }

    @Test
    void aSlowClientGetsTheLatestValuePerKeyInOriginalOrder() {
        connection.ready = false;
        session.offer(price("NIFTY", 1));
        session.offer(Outgoing.ordered("order_update", "{\"id\":1}"));
        session.offer(price("AAPL", 1));
        session.offer(price("NIFTY", 2));
        session.offer(price("NIFTY", 3));
        session.offer(Outgoing.ordered("order_update", "{\"id\":2}"));
        assertThat(behind).containsExactly(session);
        assertThat(session.waiting()).isEqualTo(4);
        assertThat(connection.sent).isEmpty();

        connection.ready = true;
        assertThat(session.drain(System.nanoTime(), Long.MAX_VALUE)).isFalse();
        assertThat(connection.sent).containsExactly("underlying_update {\"p\":\"NIFTY\",\"v\":3}",
                "order_update {\"id\":1}", "underlying_update {\"p\":\"AAPL\",\"v\":1}", "order_update {\"id\":2}");
        assertThat(counter("socket.messages.conflated", "event", "underlying_update")).isEqualTo(2);
    }

    @Test
    void olderOrRepeatedValuesAreDropped() {
        session.offer(price("NIFTY", 5));
        session.offer(price("NIFTY", 5));
        session.offer(price("NIFTY", 4));
        session.offer(price("NIFTY", 6));
        assertThat(connection.sent).containsExactly("underlying_update {\"p\":\"NIFTY\",\"v\":5}",
                "underlying_update {\"p\":\"NIFTY\",\"v\":6}");
        assertThat(counter("socket.messages.dropped", "reason", "stale")).isEqualTo(2);
    }

    @Test
    void aClientWhoseBufferOverflowsIsDisconnected() {
        connection.ready = false;
        for (int i = 0; i < 8; i++) {
            session.offer(Outgoing.ordered("order_update", "{\"id\":" + i + "}"));
        }
        assertThat(connection.closed).isFalse();
        session.offer(Outgoing.ordered("order_update", "{\"id\":8}"));
        assertThat(connection.closed).isTrue();
        assertThat(session.isClosed()).isTrue();
        assertThat(counter("socket.slow.client.disconnects", "reason", "buffer_full")).isEqualTo(1);
        assertThat(counter("socket.messages.dropped", "reason", "disconnected")).isEqualTo(9);
        session.offer(price("NIFTY", 1));
        assertThat(connection.sent).isEmpty();
    }

    @Test
    void conflatedValuesNeverOverflowTheBuffer() {
        connection.ready = false;
        for (int v = 1; v <= 10_000; v++) {
            session.offer(price("NIFTY", v));
            session.offer(price("BANKNIFTY", v));
        }
        assertThat(connection.closed).isFalse();
        assertThat(session.waiting()).isEqualTo(2);
    }

    @Test
    void aClientThatStaysBehindIsDisconnectedAfterTheTimeout() {
        connection.ready = false;
        session.offer(price("NIFTY", 1));
        long now = System.nanoTime();
        assertThat(session.drain(now, 1_000_000_000L)).isTrue();
        assertThat(connection.closed).isFalse();
        assertThat(session.drain(now + 2_000_000_000L, 1_000_000_000L)).isFalse();
        assertThat(connection.closed).isTrue();
        assertThat(counter("socket.slow.client.disconnects", "reason", "timeout")).isEqualTo(1);
    }

    /**
     * Randomized against a plain model: whatever the readiness pattern, the client ends with the newest value of each
     * key and every ordered message exactly once, in order.
     */
    @Test
    void randomReadinessDeliversTheNewestValuesAndAllOrderedMessages() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            FakeConnection conn = new FakeConnection();
            ClientSession s = new ClientSession("r", conn, 1_000, metrics, x -> { });
            long[] newest = new long[3];
            int ordered = 0;
            for (int i = 0; i < 300; i++) {
                conn.ready = random.nextInt(3) == 0;
                if (random.nextBoolean()) {
                    int k = random.nextInt(3);
                    long v = random.nextInt(100);
                    s.offer(price("P" + k, v));
                    newest[k] = Math.max(newest[k], v);
                } else {
                    s.offer(Outgoing.ordered("order_update", "{\"id\":" + ordered++ + "}"));
                }
                if (random.nextInt(5) == 0) {
                    s.drain(System.nanoTime(), Long.MAX_VALUE);
                }
            }
            conn.ready = true;
            s.drain(System.nanoTime(), Long.MAX_VALUE);
            List<String> orders = conn.sent.stream().filter(m -> m.startsWith("order_update")).toList();
            assertThat(orders).hasSize(ordered);
            for (int i = 0; i < ordered; i++) {
                assertThat(orders.get(i)).isEqualTo("order_update {\"id\":" + i + "}");
            }
            for (int k = 0; k < 3; k++) {
                String key = "\"p\":\"P" + k + "\"";
                List<String> values = conn.sent.stream().filter(m -> m.contains(key)).toList();
                if (!values.isEmpty()) {
                    assertThat(values.get(values.size() - 1)).endsWith("\"v\":" + newest[k] + "}");
                    List<Long> versions = values.stream()
                            .map(m -> Long.parseLong(m.replaceAll(".*\"v\":(\\d+)}", "$1"))).toList();
                    assertThat(versions).isSorted().doesNotHaveDuplicates();
                }
            }
        }
    }
}
