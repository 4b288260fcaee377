package io.deltastream.platform.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infrastructure shared by the services of one process: in embedded mode every service gets the
 * same message bus and the same store per database file; alone, a service has its own. Resources
 * are closed in reverse order of creation.
 */
public final class SharedResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedResources.class);

    private final Map<String, Object> resources = new LinkedHashMap<>();
    private final List<AutoCloseable> closeOrder = new ArrayList<>();
    private boolean closed;

    /** The resource under {@code key}, created by {@code factory} on first use. */
    public synchronized <T> T get(String key, Class<T> type, Supplier<? extends T> factory) {
        if (closed) {
            throw new IllegalStateException("shared resources are closed");
        }
        Object existing = resources.get(key);
        if (existing != null) {
            return type.cast(existing);
        }
        T created = factory.get();
        resources.put(key, created);
        if (created instanceof AutoCloseable c) {
            closeOrder.add(c);
        }
        return created;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = closeOrder.size() - 1; i >= 0; i--) {
            try {
                closeOrder.get(i).close();
            } catch (Exception e) {
                LOG.warn("failed to close shared resource", e);
            }
        }
        resources.clear();
        closeOrder.clear();
    }
}
