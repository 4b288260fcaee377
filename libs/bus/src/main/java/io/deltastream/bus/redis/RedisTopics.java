package io.deltastream.bus.redis;

import io.deltastream.bus.Delivery;
import io.deltastream.bus.TopicDispatcher;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.Topics;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics on Redis pub/sub. Each subscription has its own pub/sub connection; Lettuce reconnects it and subscribes
 * its channels again, and the listener hears about the gap through {@link TopicListener#onConnectionLost} and
 * {@link TopicListener#onConnectionRestored}.
 */
final class RedisTopics implements Topics {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTopics.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final StatefulRedisConnection<String, String> connection;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    RedisTopics(RedisClient client, RedisURI uri, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.uri = uri;
        this.connection = connection;
    }

    @Override
    public void publish(String topic, String payload) {
        connection.sync().publish(topic, payload);
    }

    @Override
    public TopicSubscription subscribe(Collection<String> topics, TopicListener listener) {
        Subscription s = new Subscription(listener);
        subscriptions.add(s);
        if (!topics.isEmpty()) {
            s.subscribe(topics.toArray(String[]::new));
        }
        return s;
    }

    void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    private final class Subscription implements TopicSubscription, RedisConnectionStateListener {
        private final Set<String> topics = ConcurrentHashMap.newKeySet();
        private final TopicDispatcher dispatcher;
        private final StatefulRedisPubSubConnection<String, String> pubsub;
        private volatile boolean lost;

        Subscription(TopicListener listener) {
            this.dispatcher = new TopicDispatcher(listener, topics::contains);
            this.pubsub = client.connectPubSub(uri);
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    dispatcher.offer(channel, message);
                }
            });
            pubsub.addListener((RedisConnectionStateListener) this);
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (!lost) {
                lost = true;
                dispatcher.connectionLost();
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (lost) {
                lost = false;
                resubscribe();
                dispatcher.connectionRestored();
            }
        }

        /** Topics added while disconnected were not subscribed on the server; Lettuce restores only the others. */
        private void resubscribe() {
            if (!topics.isEmpty()) {
                pubsub.async().subscribe(topics.toArray(String[]::new));
            }
        }

        @Override
        public void subscribe(String... names) {
            topics.addAll(List.of(names));
            try {
                pubsub.sync().subscribe(names);
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to {} now ({}); will subscribe on reconnect", List.of(names),
                        Delivery.describe(e));
            }
        }

        @Override
        public void unsubscribe(String... names) {
            List.of(names).forEach(topics::remove);
            try {
                pubsub.sync().unsubscribe(names);
            } catch (RuntimeException e) {
                LOG.debug("unsubscribe while disconnected: {}", Delivery.describe(e));
            }
        }

        @Override
        public Set<String> topics() {
            return Set.copyOf(topics);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            dispatcher.close();
            pubsub.close();
        }
    }
}
