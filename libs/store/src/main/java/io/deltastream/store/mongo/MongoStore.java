package io.deltastream.store.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.DocumentStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The distributed store: MongoDB through the official sync driver, using the database named in the
 * URL (default {@code deltastream}), with acknowledged, journaled writes.
 */
public final class MongoStore implements DocumentStore {
    public static final String DEFAULT_DATABASE = "deltastream";
    /** How long one {@code dbStats} sample of {@link #diskBytes()} is reused: scrapes come every 15 s or so. */
    static final Duration DISK_SIZE_MAX_AGE = Duration.ofSeconds(5);

    private final MongoClient client;
    private final MongoDatabase database;
    private final Map<String, MongoDocumentCollection> collections = new ConcurrentHashMap<>();
    private final MongoDiskSize diskSize;

    public MongoStore(String url) {
        ConnectionString cs = new ConnectionString(url);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applyToClusterSettings(b -> {
                    if (cs.getServerSelectionTimeout() == null) {
                        b.serverSelectionTimeout(5, TimeUnit.SECONDS);
                    }
                })
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        this.client = MongoClients.create(settings);
        this.database = client.getDatabase(cs.getDatabase() == null ? DEFAULT_DATABASE : cs.getDatabase());
        this.diskSize = new MongoDiskSize(database, InstantSource.system(), DISK_SIZE_MAX_AGE);
    }

    public String databaseName() {
        return database.getName();
    }

    /**
     * Bytes the database takes on the server's disk, data and indexes ({@code dbStats}), sampled at most once every
     * 5 s; empty until the server has answered with sizes (see {@link MongoDiskSize}).
     */
    public OptionalLong diskBytes() {
        return diskSize.bytes();
    }

    @Override
    public DocumentCollection collection(CollectionSpec spec) {
        return collections.computeIfAbsent(spec.name(), n -> new MongoDocumentCollection(database, spec));
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.of("store", () -> database.runCommand(new Document("ping", 1)));
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "MongoStore[" + database.getName() + "]";
    }
}
