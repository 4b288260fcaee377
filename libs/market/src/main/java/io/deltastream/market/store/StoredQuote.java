package io.deltastream.market.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The {@code option_quotes} document: what the one query (a symbol's quotes, newest first) filters and orders on, and
 * the quote's numbers as a few bytes in the collection's bytes field ({@code q}):
 *
 * <pre>
 * {_id, symbol, timestamp, q: &lt;bytes&gt;}
 * </pre>
 *
 * {@code q} is a version byte, bid, ask, last, delta, gamma, vega, theta and iv as exact decimals
 * ({@link ChainBlob#writeDoubles}: NaN and full-precision values kept bit for bit), volume and open interest, the
 * processing time (epoch second and nanosecond) as varints, and a CRC-32 of all that. Product, expiry, strike and
 * type come from the symbol. Rows of earlier versions held every field as JSON ({@code {_id, symbol, product,
 * expiry, timestamp, processed_at, bid, ask, last, volume, open_interest, delta, gamma, vega, theta, iv}}); they are
 * still read. {@link #fromDocument} restores the full reference quote from either.
 */
public final class StoredQuote {
    /** The collection's bytes field. */
    static final String BYTES = "q";
    private static final byte VERSION = 1;
    private static final int CRC_BYTES = 4;

    private StoredQuote() {
    }

    /** @param id the bus message id (redelivery writes nothing twice) */
    public static ObjectNode toDocument(String id, OptionQuote q, Instant processedAt) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, id);
        d.put("symbol", q.symbol());
        d.put("timestamp", WireTime.format(q.timestamp()));
        d.set(BYTES, d.binaryNode(encode(q, processedAt)));
        return d;
    }

    private static byte[] encode(OptionQuote q, Instant processedAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            ChainBlob.writeDoubles(out, new double[] {q.bid(), q.ask(), q.last(), q.delta(), q.gamma(), q.vega(),
                q.theta(), q.iv()});
            ChainBlob.writeVarint(out, q.volume());
            ChainBlob.writeVarint(out, q.openInterest());
            ChainBlob.writeVarint(out, processedAt.getEpochSecond());
            ChainBlob.writeVarint(out, processedAt.getNano());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bytes.toByteArray();
        return ByteBuffer.allocate(body.length + CRC_BYTES).put(body).putInt(ChainBlob.crc(body)).array();
    }

    /**
     * The reference quote of a stored document of either layout.
     *
     * @throws IllegalArgumentException naming the document when its bytes are damaged
     */
    public static OptionQuote fromDocument(ObjectNode doc) {
        OptionSymbol symbol = OptionSymbol.parse(StoredFields.text(doc, "symbol"));
        Instant time = StoredFields.time(doc, "timestamp");
        if (doc.get(BYTES) instanceof BinaryNode bytes) {
            ByteBuffer in = body(doc, bytes.binaryValue());
            try {
                double[] v = ChainBlob.readDoubles(in, 8);
                long volume = ChainBlob.readVarint(in);
                long openInterest = ChainBlob.readVarint(in);
                return new OptionQuote(symbol.toString(), symbol.product(), symbol.strike(), symbol.expiry(),
                        symbol.type(), v[0], v[1], v[2], volume, openInterest, v[3], v[4], v[5], v[6], v[7], time);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw corrupt(doc, "cannot decode its bytes");
            }
        }
        return new OptionQuote(symbol.toString(), symbol.product(), symbol.strike(), symbol.expiry(), symbol.type(),
                StoredFields.number(doc, "bid"), StoredFields.number(doc, "ask"), StoredFields.number(doc, "last"),
                StoredFields.integer(doc, "volume"), StoredFields.integer(doc, "open_interest"),
                StoredFields.number(doc, "delta"), StoredFields.number(doc, "gamma"), StoredFields.number(doc, "vega"),
                StoredFields.number(doc, "theta"), StoredFields.number(doc, "iv"), time);
    }

    /** When the worker processed the quote, from a stored document of either layout. */
    public static Instant processedAt(ObjectNode doc) {
        JsonNode node = doc.get(BYTES);
        if (!(node instanceof BinaryNode bytes)) {
            return StoredFields.time(doc, "processed_at");
        }
        ByteBuffer in = body(doc, bytes.binaryValue());
        try {
            ChainBlob.readDoubles(in, 8);
            ChainBlob.readVarint(in);
            ChainBlob.readVarint(in);
            return Instant.ofEpochSecond(ChainBlob.readVarint(in), ChainBlob.readVarint(in));
        } catch (BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException e) {
            throw corrupt(doc, "cannot decode its bytes");
        }
    }

    /** The bytes after the version byte, once the CRC and the version check out. */
    private static ByteBuffer body(ObjectNode doc, byte[] row) {
        if (row.length < 1 + CRC_BYTES) {
            throw corrupt(doc, "its bytes are shorter than a quote");
        }
        int end = row.length - CRC_BYTES;
        byte[] body = java.util.Arrays.copyOf(row, end);
        if (ChainBlob.crc(body) != ByteBuffer.wrap(row, end, CRC_BYTES).getInt()) {
            throw corrupt(doc, "CRC mismatch");
        }
        if (body[0] != VERSION) {
            throw corrupt(doc, "unknown version " + body[0]);
        }
        return ByteBuffer.wrap(body, 1, end - 1);
    }

    private static IllegalArgumentException corrupt(ObjectNode doc, String why) {
        return new IllegalArgumentException("corrupt option_quotes document " + doc.path(Documents.ID).asText("?")
                + ": " + why);
    }
}
