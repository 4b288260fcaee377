package io.deltastream.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.deltastream.testkit.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The dbStats sampler against the MongoDB wire server with the real driver: caching, and a server that goes away. */
class MongoDiskSizeTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MongoDiskSize.class);
    private EmbeddedMongo mongo;
    private boolean stopped;
    private MongoClient client;
    private MongoDatabase database;
    private MongoDiskSize diskSize;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.start();
        // a stopped server must fail a command quickly, not after the adapter's default 5 s
        client = MongoClients.create(mongo.url("sized") + "?serverSelectionTimeoutMS=200&connectTimeoutMS=200");
        database = client.getDatabase("sized");
        diskSize = new MongoDiskSize(database, clock, MAX_AGE);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        client.close();
        if (!stopped) {
            stopMongo();
        }
    }

    /** Stops the server once: a second shutdownNow of mongo-java-server can wait forever on its closed channels. */
    private void stopMongo() {
        stopped = true;
        mongo.close();
    }

    @Test
    void reportsWhatDbStatsGivesAndReusesItWithinTheMaxAge() {
        insert(10);
        long first = diskSize.bytes().orElseThrow();
        assertThat(first).isPositive().isEqualTo(dbStatsBytes());

        insert(200);
        long grown = dbStatsBytes();
        assertThat(grown).as("the server's size follows the data").isGreaterThan(first);
        now.set(now.get().plus(MAX_AGE).minusMillis(1));
        assertThat(diskSize.bytes()).as("within the max age: the cached sample").hasValue(first);

        now.set(now.get().plusMillis(1));
        assertThat(diskSize.bytes()).as("once the sample is max age old: a new one").hasValue(grown);
        assertThat(log.list).isEmpty();
    }

    @Test
    void aFailingCommandKeepsTheLastSizeAndLogsOnce() {
        insert(10);
        long before = diskSize.bytes().orElseThrow();
        stopMongo();
        for (int i = 1; i <= 3; i++) {
            now.set(now.get().plus(MAX_AGE));
            assertThat(diskSize.bytes()).as("failed sample " + i).hasValue(before);
        }
        assertThat(warnings()).hasSize(1).first().asString().contains("dbStats on sized failed");
    }

    @Test
    void nothingIsReportedBeforeTheFirstSuccessfulSample() {
        stopMongo();
        assertThat(diskSize.bytes()).isEqualTo(OptionalLong.empty());
        now.set(now.get().plus(MAX_AGE));
        assertThat(diskSize.bytes()).isEqualTo(OptionalLong.empty());
        assertThat(warnings()).hasSize(1);
    }

    private void insert(int count) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("product", "NIFTY").append("seq", i).append("payload", "x".repeat(200)));
        }
        database.getCollection("ticks").insertMany(docs);
    }

    /** The oracle: the server's own answer, read independently of the sampler. */
    private long dbStatsBytes() {
        Document stats = database.runCommand(new Document("dbStats", 1));
        return stats.containsKey("totalSize") ? ((Number) stats.get("totalSize")).longValue()
                : ((Number) stats.get("storageSize")).longValue() + ((Number) stats.get("indexSize")).longValue();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
