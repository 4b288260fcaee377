package io.deltastream.store.mongo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Documents;
import io.deltastream.store.DuplicateKeyException;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/** A {@link DocumentCollection} over a MongoDB collection, indexes created at open. */
final class MongoDocumentCollection implements DocumentCollection {
    /** Server replies are capped (48 MB in mongo-java-server); large finds stream in batches. */
    private static final int BATCH = 100;

    private final MongoCollection<Document> collection;
    private final CollectionSpec spec;
    private final String timeField;

    MongoDocumentCollection(MongoDatabase database, CollectionSpec spec) {
        this.spec = spec;
        this.timeField = spec.timeField().orElse(null);
        this.collection = database.getCollection(spec.name()).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        try {
            if (timeField != null) {
                IndexOptions opts = new IndexOptions();
                spec.ttl().ifPresent(ttl -> opts.expireAfter(ttl.toSeconds(), TimeUnit.SECONDS));
                collection.createIndex(Indexes.descending(timeField), opts);
            }
            for (CollectionSpec.Index index : spec.indexes()) {
                List<Bson> keys = new ArrayList<>();
                index.fields().forEach(f -> keys.add(Indexes.ascending(f)));
                if (index.withTime()) {
                    keys.add(Indexes.descending(timeField));
                }
                collection.createIndex(Indexes.compoundIndex(keys), new IndexOptions().unique(index.unique()));
            }
        } catch (MongoException e) {
            throw new StoreException("cannot create indexes on " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private Document toBson(ObjectNode doc) {
        Documents.bytes(doc, spec);
        Documents.checkCompact(doc, spec);
        long t = timeField == null ? 0 : Documents.normalizeTime(doc, timeField);
        return BsonConversion.toBson(doc, timeField, t);
    }

    @Override
    public String insert(ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        String id = Documents.ensureId(doc);
        try {
            collection.insertOne(toBson(doc));
        } catch (MongoWriteException e) {
            throw translate(e);
        } catch (MongoException e) {
            throw unavailable(e);
        }
        document.put(Documents.ID, id);
        return id;
    }

    @Override
    public int insertAllNew(List<ObjectNode> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        List<Document> docs = new ArrayList<>(documents.size());
        for (ObjectNode d : documents) {
            ObjectNode copy = d.deepCopy();
            d.put(Documents.ID, Documents.ensureId(copy));
            docs.add(toBson(copy));
        }
        try {
            collection.insertMany(docs, new InsertManyOptions().ordered(false));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError err : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(err.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw new StoreException("insert failed on " + spec.name() + ": " + err.getMessage(), e);
                }
            }
            // Unordered: every document either went in or produced exactly one write error.
            return docs.size() - e.getWriteErrors().size();
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int upsertAllIfNewer(List<Filter> keys, List<ObjectNode> documents, String versionField) {
        if (keys.size() != documents.size()) {
            throw new IllegalArgumentException("one key per document");
        }
        int written = 0;
        for (int i = 0; i < keys.size(); i++) {
            written += upsertIfNewer(filter(keys.get(i)), documents.get(i).deepCopy(), versionField) ? 1 : 0;
        }
        return written;
    }

    /** One conditional replace: the version condition is part of the replace's filter, so it is atomic. */
    private boolean upsertIfNewer(Bson key, ObjectNode doc, String versionField) {
        Bson older = new Document("$or", List.of(new Document(versionField,
                new Document("$lt", doc.path(versionField).asLong())), new Document(versionField, null)));
        return replaceOrInsert(key, doc, id -> collection.replaceOne(new Document("$and", List.of(
                new Document(Documents.ID, id), older)), toBson(doc)).getMatchedCount() == 1);
    }

    @Override
    public boolean upsert(Filter key, ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        return replaceOrInsert(filter(key), doc, id -> {
            collection.replaceOne(new Document(Documents.ID, id), toBson(doc));
            return false;
        });
    }

    /**
     * Replaces the document matching {@code key} through {@code replace} (given its {@code _id}; answers what the
     * caller returns), or inserts {@code doc} and answers true. Another writer inserting the same key
     * between the find and the insert makes it one more round, against theirs.
     */
    private boolean replaceOrInsert(Bson key, ObjectNode doc, Predicate<Object> replace) {
        for (int attempt = 0; ; attempt++) {
            try {
                Document existing = collection.find(key).projection(new Document(Documents.ID, 1)).first();
                if (existing != null) {
                    doc.put(Documents.ID, existing.get(Documents.ID).toString());
                    return replace.test(existing.get(Documents.ID));
                }
                Documents.ensureId(doc);
                collection.insertOne(toBson(doc));
                return true;
            } catch (MongoWriteException e) {
                if (attempt > 0 || e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw translate(e);
                }
                doc.remove(Documents.ID);
            } catch (MongoException e) {
                throw unavailable(e);
            }
        }
    }

    @Override
    public boolean replace(String id, ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        doc.put(Documents.ID, id);
        try {
            return collection.replaceOne(new Document(Documents.ID, id), toBson(doc)).getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            throw translate(e);
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<ObjectNode> findById(String id) {
        try {
            return Optional.ofNullable(collection.find(new Document(Documents.ID, id)).first())
                    .map(BsonConversion::toJson);
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<ObjectNode> findOne(Filter filter, Order order) {
        return find(filter, order, 1).stream().findFirst();
    }

    @Override
    public List<ObjectNode> find(Filter filter, Order order, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Bson sort = order == Order.NEWEST_FIRST
                ? Sorts.descending(sortFields())
                : Sorts.ascending(sortFields());
        List<ObjectNode> out = new ArrayList<>();
        try {
            collection.find(filter(filter)).sort(sort).limit(limit).batchSize(Math.min(limit, BATCH))
                    .forEach(d -> out.add(BsonConversion.toJson(d)));
        } catch (MongoException e) {
            throw unavailable(e);
        }
        return out;
    }

    private List<String> sortFields() {
        return timeField == null ? List.of(Documents.ID) : List.of(timeField, Documents.ID);
    }

    @Override
    public long count(Filter filter) {
        try {
            return collection.countDocuments(filter(filter));
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<Object> distinct(String field, Filter filter) {
        checkField(field);
        List<Object> values = new ArrayList<>();
        try {
            collection.distinct(field, filter(filter), BsonValue.class).forEach(v -> {
                if (v.isString()) {
                    values.add(v.asString().getValue());
                } else if (v.isInt32() || v.isInt64()) {
                    values.add(v.asNumber().longValue());
                } else if (v.isDouble()) {
                    values.add(v.asDouble().getValue());
                } else if (v.isBoolean()) {
                    values.add(v.asBoolean().getValue());
                }
            });
        } catch (MongoException e) {
            throw unavailable(e);
        }
        values.sort(DISTINCT_ORDER);
        return values;
    }

    /** Numbers before strings, each ascending: the order SQLite's ORDER BY gives. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> DISTINCT_ORDER = (a, b) -> {
        boolean an = a instanceof Number;
        boolean bn = b instanceof Number;
        if (an && bn) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return ((Comparable) a.toString()).compareTo(b.toString());
    };

    @Override
    public long delete(Filter filter) {
        try {
            return collection.deleteMany(filter(filter)).getDeletedCount();
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        requireTime();
        try {
            return collection.deleteMany(new Document(timeField, new Document("$lt", Date.from(cutoff))))
                    .getDeletedCount();
        } catch (MongoException e) {
            throw unavailable(e);
        }
    }

    private Bson filter(Filter filter) {
        Document q = new Document();
        for (Map.Entry<String, Object> e : filter.equalities().entrySet()) {
            checkField(e.getKey());
            q.put(e.getKey(), e.getValue());
        }
        if (filter.hasTimeRange()) {
            requireTime();
            Document range = new Document();
            filter.fromTime().ifPresent(t -> range.put("$gte", Date.from(t)));
            filter.toTime().ifPresent(t -> range.put("$lte", Date.from(t)));
            q.put(timeField, range);
        }
        return q;
    }

    private void checkField(String field) {
        if (!spec.fields().contains(field)) {
            throw new IllegalArgumentException("field '" + field + "' is not declared in collection " + spec.name());
        }
    }

    private void requireTime() {
        if (timeField == null) {
            throw new IllegalArgumentException("collection " + spec.name() + " has no time field");
        }
    }

    private static StoreException translate(MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return new DuplicateKeyException("duplicate key: " + e.getError().getMessage(), e);
        }
        return new StoreException("MongoDB write failed: " + e.getError().getMessage(), e);
    }

    private static StoreException unavailable(MongoException e) {
        return new StoreException("MongoDB unavailable: " + e.getMessage(), e);
    }
}
