package io.deltastream.store.sqlite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Documents;
import io.deltastream.store.DuplicateKeyException;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import io.deltastream.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A collection as a table {@code (_id TEXT UNIQUE, _ts INTEGER, doc TEXT, f_<field>..., [b_<bytes field> BLOB])}:
 * declared fields are copied into columns on write so that filters and indexes work on plain columns; the document
 * itself is stored as JSON text, except its bytes field, which goes into its BLOB column as is.
 */
final class SqliteCollection implements DocumentCollection {
    private final SqliteStore store;
    private final CollectionSpec spec;
    private final String table;
    private final String insertSql;
    private final String insertIgnoreSql;
    private final String replaceSql;
    /** The columns a read selects: the JSON text, then the bytes column when there is one. */
    private final String docColumns;

    SqliteCollection(SqliteStore store, CollectionSpec spec) {
        this.store = store;
        this.spec = spec;
        this.table = quote(spec.name());
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        cols.add("_id");
        marks.add("?");
        cols.add("_ts");
        marks.add("?");
        sets.add("_ts = ?");
        for (String f : spec.fields()) {
            cols.add(column(f));
            marks.add("?");
            sets.add(column(f) + " = ?");
        }
        cols.add("doc");
        marks.add("?");
        sets.add("doc = ?");
        spec.bytesField().ifPresent(b -> {
            cols.add(bytesColumn(b));
            marks.add("?");
            sets.add(bytesColumn(b) + " = ?");
        });
        StringJoiner read = new StringJoiner(", ");
        read.add("doc");
        spec.bytesField().ifPresent(b -> read.add(bytesColumn(b)));
        if (spec.compact()) {
            read.add("_id");
            read.add("_ts");
            spec.fields().forEach(f -> read.add(column(f)));
        }
        this.docColumns = read.toString();
        this.insertSql = "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
        this.insertIgnoreSql = "INSERT OR IGNORE INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
        this.replaceSql = "UPDATE " + table + " SET " + sets + " WHERE _id = ?";
        store.write(this::createSchema);
    }

    private Void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (_id TEXT NOT NULL UNIQUE, _ts INTEGER, doc TEXT NOT NULL)");
            Set<String> existing = new HashSet<>();
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    existing.add(rs.getString("name"));
                }
            }
            for (String f : spec.fields()) {
                String col = column(f);
                if (!existing.contains(col.replace("\"", ""))) {
                    // A field declared after data was written: add it and fill it from the stored JSON.
                    s.execute("ALTER TABLE " + table + " ADD COLUMN " + col);
                    s.execute("UPDATE " + table + " SET " + col + " = json_extract(doc, '$." + f + "')");
                }
            }
            if (spec.bytesField().isPresent() && !existing.contains("b_" + spec.bytesField().get())) {
                // Rows written before keep what they held in their JSON (the previous version's base64 text).
                s.execute("ALTER TABLE " + table + " ADD COLUMN " + bytesColumn(spec.bytesField().get()) + " BLOB");
            }
            if (spec.timeField().isPresent()) {
                s.execute("CREATE INDEX IF NOT EXISTS " + quote(spec.name() + "__ts") + " ON " + table + " (_ts)");
            }
            for (CollectionSpec.Index index : spec.indexes()) {
                StringJoiner cols = new StringJoiner(", ");
                index.fields().forEach(f -> cols.add(column(f)));
                if (index.withTime()) {
                    cols.add("_ts DESC");
                }
                String name = spec.name() + "__" + String.join("_", index.fields()) + (index.withTime() ? "_ts" : "")
                        + (index.unique() ? "_u" : "");
                s.execute("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + quote(name)
                        + " ON " + table + " (" + cols + ")");
            }
        }
        return null;
    }

    @Override
    public String insert(ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        String id = Documents.ensureId(doc);
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                bindRow(ps, doc, id);
                ps.executeUpdate();
            }
            return null;
        });
        document.put(Documents.ID, id);
        return id;
    }

    @Override
    public int insertAllNew(List<ObjectNode> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        List<ObjectNode> docs = new ArrayList<>(documents.size());
        for (ObjectNode d : documents) {
            ObjectNode copy = d.deepCopy();
            d.put(Documents.ID, Documents.ensureId(copy));
            docs.add(copy);
        }
        return store.write(c -> {
            int inserted = 0;
            try (PreparedStatement ps = c.prepareStatement(insertIgnoreSql)) {
                for (ObjectNode doc : docs) {
                    bindRow(ps, doc, doc.get(Documents.ID).textValue());
                    inserted += ps.executeUpdate();
                }
            }
            return inserted;
        });
    }

    @Override
    public boolean upsert(Filter key, ObjectNode document) {
        checkFields(key);
        ObjectNode doc = document.deepCopy();
        return store.write(c -> upsertIn(c, key, doc));
    }

    @Override
    public void upsertAll(List<Filter> keys, List<ObjectNode> documents) {
        if (keys.size() != documents.size()) {
            throw new IllegalArgumentException("one key per document");
        }
        keys.forEach(this::checkFields);
        List<ObjectNode> docs = new ArrayList<>(documents.size());
        documents.forEach(d -> docs.add(d.deepCopy()));
        store.write(c -> {
            for (int i = 0; i < docs.size(); i++) {
                upsertIn(c, keys.get(i), docs.get(i));
            }
            return null;
        });
    }

    @Override
    public int upsertAllIfNewer(List<Filter> keys, List<ObjectNode> documents, String versionField) {
        if (keys.size() != documents.size()) {
            throw new IllegalArgumentException("one key per document");
        }
        checkField(versionField);
        keys.forEach(this::checkFields);
        List<ObjectNode> docs = new ArrayList<>(documents.size());
        documents.forEach(d -> docs.add(d.deepCopy()));
        String newerSql = replaceSql + " AND (" + column(versionField) + " IS NULL OR " + column(versionField) + " < ?)";
        return store.write(c -> {
            int written = 0;
            for (int i = 0; i < docs.size(); i++) {
                ObjectNode doc = docs.get(i);
                Optional<String> existing = selectIds(c, keys.get(i), 1).stream().findFirst();
                if (existing.isEmpty()) {
                    upsertIn(c, keys.get(i), doc);
                    written++;
                    continue;
                }
                doc.put(Documents.ID, existing.get());
                try (PreparedStatement ps = c.prepareStatement(newerSql)) {
                    int p = bindColumns(ps, doc, 1);
                    ps.setString(p++, existing.get());
                    ps.setLong(p, doc.path(versionField).asLong());
                    written += ps.executeUpdate();
                }
            }
            return written;
        });
    }

    private boolean upsertIn(Connection c, Filter key, ObjectNode doc) throws SQLException {
        Optional<String> existing = selectIds(c, key, 1).stream().findFirst();
        if (existing.isPresent()) {
            doc.put(Documents.ID, existing.get());
            update(c, existing.get(), doc);
            return false;
        }
        String id = Documents.ensureId(doc);
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            bindRow(ps, doc, id);
            ps.executeUpdate();
        }
        return true;
    }

    @Override
    public boolean replace(String id, ObjectNode document) {
        ObjectNode doc = document.deepCopy();
        doc.put(Documents.ID, id);
        return store.write(c -> update(c, id, doc));
    }

    private boolean update(Connection c, String id, ObjectNode doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(replaceSql)) {
            int i = bindColumns(ps, doc, 1);
            ps.setString(i, id);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<ObjectNode> findById(String id) {
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + docColumns + " FROM " + table
                    + " WHERE _id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(document(rs)) : Optional.<ObjectNode>empty();
                }
            }
        });
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
        checkFields(filter);
        Where where = where(filter);
        String dir = order == Order.NEWEST_FIRST ? "DESC" : "ASC";
        String sql = "SELECT " + docColumns + " FROM " + table + where.sql + " ORDER BY _ts " + dir + ", _id " + dir
                + " LIMIT ?";
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = where.bind(ps, 1);
                ps.setInt(i, limit);
                List<ObjectNode> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(document(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long count(Filter filter) {
        checkFields(filter);
        Where where = where(filter);
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + where.sql)) {
                where.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Object> distinct(String field, Filter filter) {
        checkField(field);
        checkFields(filter);
        Where where = where(filter);
        String col = column(field);
        String sql = "SELECT DISTINCT " + col + " FROM " + table + where.sql
                + (where.sql.isEmpty() ? " WHERE " : " AND ") + col + " IS NOT NULL ORDER BY " + col;
        return store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                where.bind(ps, 1);
                List<Object> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object v = rs.getObject(1);
                        out.add(v instanceof Integer i ? Long.valueOf(i) : v);
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long delete(Filter filter) {
        checkFields(filter);
        Where where = where(filter);
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + where.sql)) {
                where.bind(ps, 1);
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long deleteOlderThan(Instant cutoff) {
        requireTime();
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE _ts < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return (long) ps.executeUpdate();
            }
        });
    }

    private List<String> selectIds(Connection c, Filter filter, int limit) throws SQLException {
        Where where = where(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT _id FROM " + table + where.sql + " LIMIT ?")) {
            int i = where.bind(ps, 1);
            ps.setInt(i, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private void bindRow(PreparedStatement ps, ObjectNode doc, String id) throws SQLException {
        ps.setString(1, id);
        bindColumns(ps, doc, 2);
    }

    /** Binds _ts, the field columns and doc starting at {@code first}; returns the next index. */
    private int bindColumns(PreparedStatement ps, ObjectNode doc, int first) throws SQLException {
        int i = first;
        if (spec.timeField().isPresent()) {
            ps.setLong(i++, Documents.normalizeTime(doc, spec.timeField().get()));
        } else {
            ps.setNull(i++, java.sql.Types.INTEGER);
        }
        for (String f : spec.fields()) {
            bindValue(ps, i++, doc.get(f));
        }
        byte[] bytes = Documents.bytes(doc, spec);
        Documents.checkCompact(doc, spec);
        ps.setString(i++, Json.string(jsonPart(doc)));
        if (spec.bytesField().isPresent()) {
            ps.setBytes(i++, bytes);
        }
        return i;
    }

    /**
     * What goes into the JSON text: the document without its bytes field and, in a {@link CollectionSpec#compact()}
     * collection, without what the columns already hold ({@code _id}, the time field, the declared fields).
     */
    private ObjectNode jsonPart(ObjectNode doc) {
        ObjectNode json = doc.objectNode();
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            String name = e.getKey();
            boolean inColumn = spec.compact() && (name.equals(Documents.ID) || spec.fields().contains(name)
                    || spec.timeField().filter(name::equals).isPresent());
            if (!inColumn && spec.bytesField().filter(name::equals).isEmpty()) {
                json.set(name, e.getValue());
            }
        }
        return json;
    }

    private static void bindValue(PreparedStatement ps, int i, JsonNode v) throws SQLException {
        if (v == null || v.isNull() || v.isContainerNode()) {
            ps.setNull(i, java.sql.Types.NULL);
        } else if (v.isTextual()) {
            ps.setString(i, v.textValue());
        } else if (v.isBoolean()) {
            ps.setBoolean(i, v.booleanValue());
        } else if (v.isIntegralNumber()) {
            ps.setLong(i, v.longValue());
        } else {
            ps.setDouble(i, v.doubleValue());
        }
    }

    private record Where(String sql, List<Object> params) {
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }
    }

    private Where where(Filter filter) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Map.Entry<String, Object> e : filter.equalities().entrySet()) {
            clauses.add(column(e.getKey()) + " = ?");
            params.add(e.getValue());
        }
        if (filter.hasTimeRange()) {
            requireTime();
            filter.fromTime().ifPresent(t -> {
                clauses.add("_ts >= ?");
                params.add(t.toEpochMilli());
            });
            filter.toTime().ifPresent(t -> {
                clauses.add("_ts <= ?");
                params.add(t.toEpochMilli());
            });
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private void checkFields(Filter filter) {
        filter.equalities().keySet().forEach(this::checkField);
    }

    private void checkField(String field) {
        if (!spec.fields().contains(field)) {
            throw new IllegalArgumentException("field '" + field + "' is not declared in collection " + spec.name());
        }
    }

    private void requireTime() {
        if (spec.timeField().isEmpty()) {
            throw new IllegalArgumentException("collection " + spec.name() + " has no time field");
        }
    }

    /**
     * The document of the current row: its JSON text, with the bytes column put back as its field, and in a compact
     * collection {@code _id}, the declared fields and the time field (in its stored form) from their columns first.
     */
    private ObjectNode document(ResultSet rs) throws SQLException {
        ObjectNode json = (ObjectNode) Json.trusted(rs.getString(1));
        int next = 2;
        byte[] bytes = null;
        if (spec.bytesField().isPresent()) {
            bytes = rs.getBytes(next++);
        }
        ObjectNode doc = json;
        if (spec.compact()) {
            doc = JsonNodeFactory.instance.objectNode();
            doc.put(Documents.ID, rs.getString(next++));
            long ts = rs.getLong(next++);
            for (String f : spec.fields()) {
                Object v = rs.getObject(next++);
                if (v instanceof String text) {
                    doc.put(f, text);
                } else if (v instanceof Number n) {
                    // As parsing the JSON would give: an int node when it fits, a long node otherwise.
                    long l = n.longValue();
                    if (l == (int) l) {
                        doc.put(f, (int) l);
                    } else {
                        doc.put(f, l);
                    }
                }
            }
            if (spec.timeField().isPresent()) {
                doc.put(spec.timeField().get(), Documents.format(Instant.ofEpochMilli(ts)));
            }
            // Rows written before the collection was compact hold these fields in their JSON too, with equal values.
            doc.setAll(json);
        }
        if (bytes != null) {
            doc.set(spec.bytesField().get(), JsonNodeFactory.instance.binaryNode(bytes));
        }
        return doc;
    }

    private static String bytesColumn(String field) {
        return quote("b_" + field);
    }

    private static String column(String field) {
        return quote("f_" + field);
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    static StoreException translate(SQLException e, Path file) {
        if (e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
            return new DuplicateKeyException("duplicate key: " + e.getMessage(), e);
        }
        return new StoreException("SQLite error on " + file + ": " + e.getMessage(), e);
    }
}
