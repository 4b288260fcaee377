package io.deltastream.trading.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One commit of one partition: the documents a group commit changed, stored as a single document whose unique key
 * is (partition, seq). Inserting it is the commit point: it either exists whole or not at all, and only one writer
 * can create each sequence number, so an owner that lost its partition (its successor appended a takeover entry at
 * that number) cannot commit any more.
 *
 * @param partition the partition of the users whose documents these are
 * @param seq       the entry's number in its partition's journal (1, 2, ...), also the version of every document it
 *                  carries ({@link #VERSION})
 * @param at        when it was written; grows with {@code seq} within a partition
 * @param owner     the lease holder that wrote it
 */
record JournalEntry(int partition, long seq, Instant at, String owner, List<ObjectNode> orders,
                    List<ObjectNode> trades, List<ObjectNode> positions, List<ObjectNode> portfolios) {
    /**
     * The field of order, position and portfolio documents that holds the sequence number of the journal entry that
     * wrote them; stored documents are only ever replaced by a higher one.
     */
    static final String VERSION = "jseq";

    /** An entry that changes nothing: a new owner's takeover, which fences the previous one. */
    static JournalEntry takeover(int partition, long seq, Instant at, String owner) {
        return new JournalEntry(partition, seq, at, owner, List.of(), List.of(), List.of(), List.of());
    }

    /** The entry as a document, copies of its documents stamped with {@link #VERSION} = {@code seq}. */
    ObjectNode document() {
        ObjectNode n = Json.object();
        n.put("partition", partition);
        n.put("seq", seq);
        n.put("at", Documents.format(at));
        n.put("owner", owner);
        n.set("orders", stamped(orders));
        n.set("trades", stamped(trades));
        n.set("positions", stamped(positions));
        n.set("portfolios", stamped(portfolios));
        return n;
    }

    private ArrayNode stamped(Collection<ObjectNode> docs) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (ObjectNode d : docs) {
            out.add(d.deepCopy().put(VERSION, seq));
        }
        return out;
    }

    static JournalEntry of(ObjectNode d) {
        return new JournalEntry(d.get("partition").asInt(), d.get("seq").asLong(),
                Documents.parse(d.get("at").textValue()), d.path("owner").asText(), list(d.get("orders")),
                list(d.get("trades")), list(d.get("positions")), list(d.get("portfolios")));
    }

    private static List<ObjectNode> list(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> {
                ObjectNode copy = ((ObjectNode) n).deepCopy();
                copy.remove(Documents.ID);
                out.add(copy);
            });
        }
        return out;
    }
}
