package io.deltastream.store;

import io.deltastream.platform.health.HealthCheck;

/**
 * A document database: SQLite files in embedded mode, MongoDB in distributed mode. Both adapters
 * pass the same contract tests.
 */
public interface DocumentStore extends AutoCloseable {
    /** Opens (creating if needed, with its indexes) the collection described by {@code spec}. */
    DocumentCollection collection(CollectionSpec spec);

    /** A probe for {@code /health}. */
    HealthCheck healthCheck();

    @Override
    void close();
}
