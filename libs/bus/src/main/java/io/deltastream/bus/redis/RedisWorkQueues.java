package io.deltastream.bus.redis;

import io.deltastream.bus.BusConfig;
import io.deltastream.bus.ConsumerSpec;
import io.deltastream.bus.ConsumerThreads;
import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.Delivery;
import io.deltastream.bus.QueueDepth;
import io.deltastream.bus.WorkConsumer;
import io.deltastream.bus.WorkHandler;
import io.deltastream.bus.WorkMessage;
import io.deltastream.bus.WorkQueues;
import io.deltastream.platform.json.Json;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work queues on Redis Streams. A queue is a stream whose entries are {@code id} (message id), {@code payload} and
 * {@code attempt}; consumers of a group read with XREADGROUP. Each settlement is one Lua script: XACK (which only
 * one consumer can win, so a delivery reclaimed by another consumer is settled once), XDEL, and either the
 * message's effects (guarded by SET NX on {@code processed:{queue}:{id}}), a retry scheduled in the sorted set
 * {@code retry:{group}}, or a dead letter. Due retries go back to their stream and entries idle past the visibility
 * timeout are reclaimed with XAUTOCLAIM. Streams are capped with {@code MAXLEN ~}.
 */
final class RedisWorkQueues implements WorkQueues {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWorkQueues.class);
    private static final long BLOCK_MS = 1000;

    private final RedisClient client;
    private final RedisURI uri;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisScripts scripts;
    private final BusConfig config;
    private final List<WorkConsumer> consumers = new CopyOnWriteArrayList<>();

    RedisWorkQueues(RedisClient client, RedisURI uri, StatefulRedisConnection<String, String> connection,
                    RedisScripts scripts, BusConfig config) {
        this.client = client;
        this.uri = uri;
        this.connection = connection;
        this.scripts = scripts;
        this.config = config;
    }

    static String retryKey(String group) {
        return "retry:" + group;
    }

    static String processedKey(String queue, String messageId) {
        return "processed:" + queue + ":" + messageId;
    }

    @Override
    public void send(String queue, List<WorkMessage> messages) {
        XAddArgs args = new XAddArgs().maxlen(config.queueMaxLength()).approximateTrimming();
        List<RedisFuture<String>> futures = new ArrayList<>(messages.size());
        for (WorkMessage m : messages) {
            futures.add(m.traceparent() == null
                    ? connection.async().xadd(queue, args, StreamEntries.ID, m.id(), StreamEntries.PAYLOAD, m.payload(),
                            StreamEntries.ATTEMPT, "1")
                    : connection.async().xadd(queue, args, StreamEntries.ID, m.id(), StreamEntries.PAYLOAD, m.payload(),
                            StreamEntries.ATTEMPT, "1", StreamEntries.TRACEPARENT, m.traceparent()));
        }
        for (RedisFuture<String> f : futures) {
            await(f.toCompletableFuture());
        }
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(uri.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + uri.getTimeout().toMillis() + " ms", e);
        }
    }

    @Override
    public WorkConsumer consume(ConsumerSpec spec, WorkHandler handler) {
        RedisConsumer c = new RedisConsumer(spec, handler);
        consumers.add(c);
        return c;
    }

    void closeAll() {
        consumers.forEach(WorkConsumer::close);
    }

    /** One consumer: a blocking connection and a Redis consumer name per handler thread, plus a reclaimer. */
    private final class RedisConsumer implements WorkConsumer {
        private final ConsumerSpec spec;
        private final String baseName;
        private final List<StatefulRedisConnection<String, String>> readers = new ArrayList<>();
        private final ConsumerThreads threads;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        RedisConsumer(ConsumerSpec spec, WorkHandler handler) {
            this.spec = spec;
            this.baseName = ManagementFactory.getRuntimeMXBean().getName().replace('@', '-') + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            createGroups();
            for (int i = 0; i < spec.concurrency(); i++) {
                readers.add(client.connect(uri));
            }
            long reclaimMs = Math.clamp(config.visibilityTimeout().toMillis() / 4, 50, 2000);
            this.threads = new ConsumerThreads("redis-consumer-" + spec.group(), spec.concurrency(), spec.batchSize(),
                    this::read, handler, this::settle, i -> reclaim(), Duration.ofMillis(reclaimMs));
        }

        private void createGroups() {
            for (String q : spec.queues()) {
                try {
                    connection.sync().xgroupCreate(XReadArgs.StreamOffset.from(q, "0"), spec.group(),
                            new XGroupCreateArgs().mkstream(true));
                } catch (RedisBusyException e) {
                    // BUSYGROUP: the group exists (another instance created it).
                }
            }
        }

        @SuppressWarnings("unchecked")
        private List<Delivery> read(int index) {
            XReadArgs.StreamOffset<String>[] offsets = spec.queues().stream()
                    .map(XReadArgs.StreamOffset::lastConsumed).toArray(XReadArgs.StreamOffset[]::new);
            List<StreamMessage<String, String>> messages;
            try {
                messages = readers.get(index).sync().xreadgroup(Consumer.from(spec.group(), baseName + "-" + index),
                        XReadArgs.Builder.count(spec.batchSize()).block(BLOCK_MS), offsets);
            } catch (RedisCommandExecutionException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    // Redis lost its data (restart without persistence): recreate the groups and carry on.
                    createGroups();
                    return List.of();
                }
                throw e;
            }
            return deliveries(messages);
        }

        /** Moves due retries back to their queues, then claims entries idle past the visibility timeout. */
        private List<Delivery> reclaim() {
            scripts.run(RedisScripts.Script.MOVE_DUE, new String[] {retryKey(spec.group())},
                    Long.toString(System.currentTimeMillis()), "1000", Long.toString(config.queueMaxLength()));
            List<StreamMessage<String, String>> claimed = new ArrayList<>();
            for (String q : spec.queues()) {
                ClaimedMessages<String, String> c = connection.sync().xautoclaim(q, XAutoClaimArgs.Builder
                        .<String>xautoclaim(Consumer.from(spec.group(), baseName + "-reclaim"),
                                config.visibilityTimeout(), "0-0")
                        .count(spec.batchSize()));
                claimed.addAll(c.getMessages());
            }
            if (!claimed.isEmpty()) {
                LOG.info("reclaimed {} message(s) idle for more than {} ms", claimed.size(),
                        config.visibilityTimeout().toMillis());
            }
            forgetIdleConsumers();
            return deliveries(claimed);
        }

        /**
         * Removes consumers of dead workers from the group, so that XINFO and monitoring show the live ones only: a
         * consumer idle past the visibility timeout has had its pending entries reclaimed by the claim just before.
         */
        private void forgetIdleConsumers() {
            String idle = Long.toString(config.visibilityTimeout().toMillis());
            for (String q : spec.queues()) {
                long removed = scripts.run(RedisScripts.Script.FORGET_IDLE, new String[] {q}, spec.group(), idle);
                if (removed > 0) {
                    LOG.info("removed {} consumer(s) of group {} on {} idle for more than {} ms with nothing pending",
                            removed, spec.group(), q, idle);
                }
            }
        }

        /** Stream entries as deliveries; entries without a valid envelope are dead-lettered at once. */
        private List<Delivery> deliveries(List<StreamMessage<String, String>> messages) {
            List<Delivery> out = new ArrayList<>(messages.size());
            List<Delivery> bad = new ArrayList<>();
            for (StreamMessage<String, String> m : messages) {
                Delivery d = StreamEntries.delivery(m.getStream(), m.getId(), m.getBody());
                (d.outcome() == Delivery.Outcome.REJECT ? bad : out).add(d);
            }
            if (!bad.isEmpty()) {
                settle(bad);
            }
            return out;
        }

        private void settle(List<Delivery> batch) {
            List<CompletableFuture<Long>> results = new ArrayList<>(batch.size());
            for (Delivery d : batch) {
                results.add(settleOne(d).toCompletableFuture());
            }
            for (int i = 0; i < results.size(); i++) {
                await(results.get(i));
            }
        }

        private java.util.concurrent.CompletionStage<Long> settleOne(Delivery d) {
            String entry = (String) d.receipt();
            String queue = d.queue();
            return switch (d.outcome()) {
                case ACK -> {
                    List<String> args = new ArrayList<>(List.of(spec.group(), entry,
                            Long.toString(config.dedupTtl().toMillis())));
                    RedisScripts.encode(d.effects(), args);
                    yield scripts.runAsync(RedisScripts.Script.ACK,
                            new String[] {queue, processedKey(queue, d.messageId())}, args.toArray(String[]::new));
                }
                case RETRY -> config.retry().retries(d.attempt())
                        ? scripts.runAsync(RedisScripts.Script.FAIL,
                                new String[] {queue, retryKey(spec.group()), spec.deadLetterQueue()}, spec.group(),
                                entry, "retry", Long.toString(System.currentTimeMillis()
                                        + config.retry().delayAfter(d.attempt()).toMillis()), retryMember(d))
                        : deadLetter(d, entry);
                case REJECT -> deadLetter(d, entry);
            };
        }

        private java.util.concurrent.CompletionStage<Long> deadLetter(Delivery d, String entry) {
            LOG.warn("dead-lettering message {} of {} after {} attempt(s): {}", d.messageId(), d.queue(), d.attempt(),
                    d.error());
            List<String> args = new ArrayList<>(List.of(spec.group(), entry, "dead",
                    Long.toString(config.deadLetterMaxLength()), "message_id", d.messageId(), "queue", d.queue(),
                    "error", String.valueOf(d.error()), "attempts", Integer.toString(d.attempt()),
                    "payload", d.payload(), "failed_at", Instant.now().toString()));
            if (d.traceparent() != null) {
                args.addAll(List.of(StreamEntries.TRACEPARENT, d.traceparent()));
            }
            return scripts.runAsync(RedisScripts.Script.FAIL,
                    new String[] {d.queue(), retryKey(spec.group()), spec.deadLetterQueue()},
                    args.toArray(String[]::new));
        }

        private String retryMember(Delivery d) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queue", d.queue());
            m.put("id", d.messageId());
            m.put("payload", d.payload());
            m.put("attempt", d.attempt() + 1);
            if (d.traceparent() != null) {
                m.put(StreamEntries.TRACEPARENT, d.traceparent());
            }
            return Json.string(m);
        }

        @Override
        public void close(Duration grace) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            threads.close(grace);
            readers.forEach(StatefulRedisConnection::close);
            consumers.remove(this);
        }
    }

    @Override
    public QueueDepth depth(String queue, String group) {
        long length = connection.sync().xlen(queue);
        long pending;
        try {
            pending = connection.sync().xpending(queue, group).getCount();
        } catch (RedisCommandExecutionException e) {
            pending = 0; // NOGROUP: nobody consumes it yet
        }
        long retrying = connection.sync().zcard(retryKey(group));
        return new QueueDepth(Math.max(0, length - pending), pending, retrying);
    }

    @Override
    public long deadLetterCount(String deadLetterQueue) {
        return connection.sync().xlen(deadLetterQueue);
    }

    @Override
    public List<DeadLetter> deadLetters(String deadLetterQueue, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        for (StreamMessage<String, String> m : connection.sync().xrange(deadLetterQueue, Range.create("-", "+"),
                Limit.from(limit))) {
            out.add(StreamEntries.deadLetter(m.getId(), m.getBody()));
        }
        return out;
    }

    @Override
    public int replay(String deadLetterQueue, Optional<String> entryId) {
        List<String> ids = entryId.map(List::of).orElseGet(() -> connection.sync()
                .xrange(deadLetterQueue, Range.create("-", "+")).stream().map(StreamMessage::getId).toList());
        int replayed = 0;
        for (String id : ids) {
            replayed += (int) scripts.run(RedisScripts.Script.REPLAY, new String[] {deadLetterQueue}, id,
                    Long.toString(config.queueMaxLength()));
        }
        return replayed;
    }

    @Override
    public long purge(String deadLetterQueue) {
        long n = connection.sync().xlen(deadLetterQueue);
        connection.sync().del(deadLetterQueue);
        return n;
    }
}
