package io.deltastream.market.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.Documents;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The {@code option_quotes} document: the quote's fields without {@code strike} and {@code option_type}, which the
 * symbol already holds — {@code {_id, symbol, product, expiry, timestamp, processed_at, bid, ask, last, volume,
 * open_interest, delta, gamma, vega, theta, iv}}. {@link #fromDocument} restores the full reference quote.
 */
public final class StoredQuote {
    private StoredQuote() {
    }

    /** @param id the bus message id (redelivery writes nothing twice) */
    public static ObjectNode toDocument(String id, OptionQuote q, Instant processedAt) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, id);
        d.put("symbol", q.symbol());
        d.put("product", q.product());
        d.put("expiry", q.expiry().toString());
        d.put("timestamp", WireTime.format(q.timestamp()));
        d.put("processed_at", WireTime.format(processedAt));
        d.put("bid", q.bid());
        d.put("ask", q.ask());
        d.put("last", q.last());
        d.put("volume", q.volume());
        d.put("open_interest", q.openInterest());
        StoredFields.put(d, "delta", q.delta());
        StoredFields.put(d, "gamma", q.gamma());
        StoredFields.put(d, "vega", q.vega());
        StoredFields.put(d, "theta", q.theta());
        StoredFields.put(d, "iv", q.iv());
        return d;
    }

    public static OptionQuote fromDocument(ObjectNode doc) {
        OptionSymbol symbol = OptionSymbol.parse(StoredFields.text(doc, "symbol"));
        return new OptionQuote(symbol.toString(), StoredFields.text(doc, "product"), symbol.strike(),
                LocalDate.parse(StoredFields.text(doc, "expiry")), symbol.type(), StoredFields.number(doc, "bid"),
                StoredFields.number(doc, "ask"), StoredFields.number(doc, "last"), StoredFields.integer(doc, "volume"),
                StoredFields.integer(doc, "open_interest"), StoredFields.number(doc, "delta"),
                StoredFields.number(doc, "gamma"), StoredFields.number(doc, "vega"), StoredFields.number(doc, "theta"),
                StoredFields.number(doc, "iv"), StoredFields.time(doc, "timestamp"));
    }

    public static Instant processedAt(ObjectNode doc) {
        return StoredFields.time(doc, "processed_at");
    }
}
