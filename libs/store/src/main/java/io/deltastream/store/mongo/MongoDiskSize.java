package io.deltastream.store.mongo;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk size of a MongoDB database from its {@code dbStats} command: {@code totalSize} where the server gives
 * it, otherwise {@code storageSize + indexSize}. A sample is reused for {@code maxAge}, so a metrics scrape costs at
 * most one command every {@code maxAge} however many scrapers or gauges read it. When the command fails, or the
 * server answers without the sizes, the last good sample is kept (none before the first) and one warning is logged
 * until a sample succeeds again.
 */
final class MongoDiskSize {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDiskSize.class);

    private final MongoDatabase database;
    private final InstantSource clock;
    private final Duration maxAge;
    private OptionalLong bytes = OptionalLong.empty();
    private Instant sampledAt;
    private boolean failing;

    MongoDiskSize(MongoDatabase database, InstantSource clock, Duration maxAge) {
        this.database = database;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Bytes the database takes on disk (data and indexes), or empty while no sample has succeeded. */
    synchronized OptionalLong bytes() {
        Instant now = clock.instant();
        if (sampledAt == null || !now.isBefore(sampledAt.plus(maxAge))) {
            sampledAt = now;
            sample();
        }
        return bytes;
    }

    private void sample() {
        try {
            Document stats = database.runCommand(new Document("dbStats", 1));
            OptionalLong size = size(stats);
            if (size.isEmpty()) {
                warnOnce("dbStats on {} gave neither totalSize nor storageSize and indexSize: {}", stats.toJson());
                return;
            }
            bytes = size;
            failing = false;
        } catch (RuntimeException e) {
            warnOnce("dbStats on {} failed, keeping the last size: {}", e.toString());
        }
    }

    private static OptionalLong size(Document stats) {
        if (stats.get("totalSize") instanceof Number total) {
            return OptionalLong.of(total.longValue());
        }
        if (stats.get("storageSize") instanceof Number storage && stats.get("indexSize") instanceof Number index) {
            return OptionalLong.of(storage.longValue() + index.longValue());
        }
        return OptionalLong.empty();
    }

    private void warnOnce(String message, String detail) {
        if (!failing) {
            LOG.warn(message, database.getName(), detail);
            failing = true;
        }
    }
}
