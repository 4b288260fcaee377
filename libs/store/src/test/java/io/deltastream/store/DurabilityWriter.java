package io.deltastream.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashDurabilityTest}: writes documents forever and prints "ack ID" only
 * after the store call returned, i.e. after the write was acknowledged.
 */
public final class DurabilityWriter {
    private DurabilityWriter() {
    }

    public static void main(String[] args) {
        boolean batches = args[1].equals("batch");
        try (SqliteStore store = new SqliteStore(Path.of(args[0]), false)) {
            DocumentCollection c = store.collection(DocumentStoreContract.TICKS);
            for (long n = 0; ; n++) {
                if (batches) {
                    List<ObjectNode> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(doc("b" + n + "-" + i, n));
                    }
                    c.insertAllNew(batch);
                    for (ObjectNode d : batch) {
                        System.out.println("ack " + d.get("_id").asText());
                    }
                } else {
                    ObjectNode d = doc("s" + n, n);
                    c.insert(d);
                    System.out.println("ack " + d.get("_id").asText());
                }
                System.out.flush();
            }
        }
    }

    private static ObjectNode doc(String id, long n) {
        ObjectNode d = DocumentStoreContract.tick("NIFTY", n, Instant.now().toString(), n);
        d.put("_id", id);
        d.put("padding", "x".repeat(2000));
        return d;
    }
}
