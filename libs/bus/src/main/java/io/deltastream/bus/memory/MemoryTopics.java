package io.deltastream.bus.memory;

import io.deltastream.bus.Payload;
import io.deltastream.bus.TopicDispatcher;
import io.deltastream.bus.TopicListener;
import io.deltastream.bus.TopicSubscription;
import io.deltastream.bus.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-process topics: each subscription gets its own {@link TopicDispatcher}. The connection is never lost. */
final class MemoryTopics implements Topics {
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, String payload) {
        publish(topic, Payload.text(payload));
    }

    /** Every subscriber gets {@code body} itself: an object body is not encoded on the way. */
    @Override
    public void publish(String topic, Payload body) {
        for (Subscription s : subscriptions) {
            if (s.topics.contains(topic)) {
                s.dispatcher.offer(topic, body);
            }
        }
    }

    @Override
    public TopicSubscription subscribe(Collection<String> topics, TopicListener listener) {
        Subscription s = new Subscription(listener);
        s.topics.addAll(topics);
        subscriptions.add(s);
        return s;
    }

    void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    private final class Subscription implements TopicSubscription {
        private final Set<String> topics = ConcurrentHashMap.newKeySet();
        private final TopicDispatcher dispatcher;

        Subscription(TopicListener listener) {
            this.dispatcher = new TopicDispatcher(listener, topics::contains);
        }

        @Override
        public void subscribe(String... names) {
            topics.addAll(List.of(names));
        }

        @Override
        public void unsubscribe(String... names) {
            List.of(names).forEach(topics::remove);
        }

        @Override
        public Set<String> topics() {
            return Set.copyOf(topics);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            dispatcher.close();
        }
    }
}
