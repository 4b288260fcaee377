package io.deltastream.market.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.store.Documents;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The {@code option_chains} document: the fields queries filter and order on, and the chain itself as one
 * compressed binary row ({@link ChainBlob}) in the collection's bytes field (a SQLite BLOB, a MongoDB BinData):
 *
 * <pre>
 * {_id, layout: "zstd/2", product, expiry, timestamp, pcr_oi, pcr_volume, blob: &lt;bytes&gt;}
 * </pre>
 *
 * Rows of earlier versions hold the same bytes as base64 text in {@code blob}; they are still read, so a database
 * written before keeps working without a migration (the field's type is the marker).
 *
 * A 41-strike chain takes about a fifth of the version-1 layout, which is still read: one JSON array per field and
 * side, derived fields left out,
 *
 * <pre>
 * {_id, layout: "columns/1", product, expiry, timestamp, processed_at, spot_price, strikes: [...],
 *  pcr_oi, pcr_volume, atm_strike, atm_straddle_price, max_pain_strike, total_call_oi, total_put_oi,
 *  call_buildup_otm, put_buildup_otm, time_to_expiry, forward, atm_iv, iv_skew, expected_move,
 *  total_call_oi_change, total_put_oi_change, smile,
 *  calls: {bid: [...], ask, last, volume, open_interest, iv, delta, gamma, vega, theta, rho, oi_change,
 *          price_change, buildup: "LSCUN..." (one letter per strike) [, timestamp: [...] only when the quotes'
 *          times differ from the chain's]},
 *  puts: {...}}
 * </pre>
 *
 * {@link #fromDocument} rebuilds the full {@link EnrichedChain} from either (symbols from product, expiry, type and
 * strike; mid from bid and ask), so readers serve the reference's JSON shape.
 */
public final class StoredChain {
    /** The value of the {@code layout} field of documents written by this version. */
    public static final String LAYOUT = "zstd/2";
    /** The layout of earlier versions, still read. */
    static final String COLUMNS_LAYOUT = "columns/1";
    /** The collection's bytes field. */
    static final String BLOB = "blob";

    private static final String[] NUMBER_COLUMNS = {"bid", "ask", "last", "iv", "delta", "gamma", "vega", "theta",
        "rho", "price_change"};

    private StoredChain() {
    }

    /** @param id the bus message id, so that a redelivered chain is not stored twice */
    public static ObjectNode toDocument(String id, EnrichedChain c) {
        ObjectNode d = keyFields(id, LAYOUT, c);
        // Plain too, for the PCR history route, which reads them from many rows without decoding the chains.
        StoredFields.put(d, "pcr_oi", c.pcrOi());
        StoredFields.put(d, "pcr_volume", c.pcrVolume());
        d.set(BLOB, d.binaryNode(ChainBlob.encode(c)));
        return d;
    }

    /**
     * The version-1 document of {@code c} (one JSON array per column), as earlier versions stored it: still read, and
     * the baseline the market-scale benchmark compares row sizes with.
     */
    public static ObjectNode toColumnsDocument(String id, EnrichedChain c) {
        ObjectNode d = keyFields(id, COLUMNS_LAYOUT, c);
        d.put("processed_at", WireTime.format(c.processedAt()));
        d.put("spot_price", c.spotPrice());
        ArrayNode strikes = d.putArray("strikes");
        for (double k : c.strikes()) {
            strikes.add(k);
        }
        d.put("pcr_oi", c.pcrOi());
        d.put("pcr_volume", c.pcrVolume());
        d.put("atm_strike", c.atmStrike());
        d.put("atm_straddle_price", c.atmStraddlePrice());
        d.put("max_pain_strike", c.maxPainStrike());
        d.put("total_call_oi", c.totalCallOi());
        d.put("total_put_oi", c.totalPutOi());
        d.put("call_buildup_otm", c.callBuildupOtm());
        d.put("put_buildup_otm", c.putBuildupOtm());
        d.put("time_to_expiry", c.yearsToExpiry());
        StoredFields.put(d, "forward", c.forward());
        StoredFields.put(d, "atm_iv", c.atmIv());
        StoredFields.put(d, "iv_skew", c.ivSkew());
        StoredFields.put(d, "expected_move", c.expectedMove());
        d.put("total_call_oi_change", c.totalCallOiChange());
        d.put("total_put_oi_change", c.totalPutOiChange());
        if (c.smile() == null) {
            d.putNull("smile");
        } else {
            SviParams s = c.smile();
            ObjectNode sm = d.putObject("smile");
            sm.put("a", s.a());
            sm.put("b", s.b());
            sm.put("rho", s.rho());
            sm.put("m", s.m());
            sm.put("sigma", s.sigma());
            StoredFields.put(sm, "rmse", s.rmse());
        }
        d.set("calls", columns(c.calls(), c.timestamp()));
        d.set("puts", columns(c.puts(), c.timestamp()));
        return d;
    }

    /** The fields both layouts share: what queries filter and order on. */
    private static ObjectNode keyFields(String id, String layout, EnrichedChain c) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, id);
        d.put("layout", layout);
        d.put("product", c.product());
        d.put("expiry", c.expiry().toString());
        d.put("timestamp", WireTime.format(c.timestamp()));
        return d;
    }

    private static ObjectNode columns(List<EnrichedQuote> side, Instant chainTime) {
        ObjectNode cols = Json.object();
        ArrayNode[] numbers = new ArrayNode[NUMBER_COLUMNS.length];
        for (int f = 0; f < NUMBER_COLUMNS.length; f++) {
            numbers[f] = cols.putArray(NUMBER_COLUMNS[f]);
        }
        ArrayNode volume = cols.putArray("volume");
        ArrayNode oi = cols.putArray("open_interest");
        ArrayNode oiChange = cols.putArray("oi_change");
        StringBuilder buildup = new StringBuilder(side.size());
        boolean ownTimes = false;
        for (EnrichedQuote e : side) {
            OptionQuote q = e.quote();
            double[] values = {q.bid(), q.ask(), q.last(), q.iv(), q.delta(), q.gamma(), q.vega(), q.theta(), e.rho(),
                e.priceChange()};
            for (int f = 0; f < values.length; f++) {
                StoredFields.add(numbers[f], values[f]);
            }
            volume.add(q.volume());
            oi.add(q.openInterest());
            oiChange.add(e.oiChange());
            buildup.append(letter(e.buildup()));
            ownTimes |= !q.timestamp().equals(chainTime);
        }
        cols.put("buildup", buildup.toString());
        if (ownTimes) {
            ArrayNode times = cols.putArray("timestamp");
            side.forEach(e -> times.add(WireTime.format(e.quote().timestamp())));
        }
        return cols;
    }

    /**
     * Rebuilds the enriched chain (the reference's nested shape) from a stored document.
     *
     * @throws IllegalArgumentException naming the document when it is not a chain this class wrote (unknown layout,
     *                                  corrupt row)
     */
    public static EnrichedChain fromDocument(ObjectNode d) {
        String layout = d.path("layout").asText("");
        if (LAYOUT.equals(layout)) {
            byte[] blob = blob(d);
            try {
                return ChainBlob.decode(blob);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option_chains document " + d.path("_id").asText() + ": "
                        + e.getMessage(), e);
            }
        }
        if (!COLUMNS_LAYOUT.equals(layout)) {
            throw new IllegalArgumentException("unknown option_chains layout '" + layout + "' in " + d.path("_id").asText());
        }
        String product = StoredFields.text(d, "product");
        LocalDate expiry = LocalDate.parse(StoredFields.text(d, "expiry"));
        Instant time = StoredFields.time(d, "timestamp");
        JsonNode strikesNode = StoredFields.require(d, "strikes");
        double[] strikes = new double[strikesNode.size()];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = strikesNode.get(i).doubleValue();
        }
        JsonNode smileNode = StoredFields.require(d, "smile");
        SviParams smile = smileNode.isNull() ? null : new SviParams(StoredFields.number(smileNode, "a"),
                StoredFields.number(smileNode, "b"), StoredFields.number(smileNode, "rho"),
                StoredFields.number(smileNode, "m"), StoredFields.number(smileNode, "sigma"),
                StoredFields.number(smileNode, "rmse"));
        return new EnrichedChain(product, expiry, StoredFields.number(d, "spot_price"), strikes,
                StoredFields.number(d, "pcr_oi"), StoredFields.number(d, "pcr_volume"),
                StoredFields.number(d, "atm_strike"), StoredFields.number(d, "atm_straddle_price"),
                StoredFields.number(d, "max_pain_strike"), StoredFields.integer(d, "total_call_oi"),
                StoredFields.integer(d, "total_put_oi"), StoredFields.integer(d, "call_buildup_otm"),
                StoredFields.integer(d, "put_buildup_otm"),
                side(StoredFields.require(d, "calls"), OptionType.CALL, product, expiry, strikes, time),
                side(StoredFields.require(d, "puts"), OptionType.PUT, product, expiry, strikes, time), time,
                StoredFields.time(d, "processed_at"), StoredFields.number(d, "time_to_expiry"),
                StoredFields.number(d, "forward"), StoredFields.number(d, "atm_iv"), StoredFields.number(d, "iv_skew"),
                StoredFields.number(d, "expected_move"), StoredFields.integer(d, "total_call_oi_change"),
                StoredFields.integer(d, "total_put_oi_change"), smile);
    }

    /** The row's bytes: stored as bytes, or as base64 text by earlier versions. */
    private static byte[] blob(ObjectNode d) {
        JsonNode node = StoredFields.require(d, BLOB);
        if (node instanceof BinaryNode bytes) {
            return bytes.binaryValue();
        }
        try {
            return Base64.getDecoder().decode(StoredFields.text(d, BLOB));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt option_chains document " + d.path("_id").asText()
                    + ": the blob is neither bytes nor base64", e);
        }
    }

    private static List<EnrichedQuote> side(JsonNode cols, OptionType type, String product, LocalDate expiry,
                                            double[] strikes, Instant chainTime) {
        JsonNode[] numbers = new JsonNode[NUMBER_COLUMNS.length];
        for (int f = 0; f < NUMBER_COLUMNS.length; f++) {
            numbers[f] = StoredFields.require(cols, NUMBER_COLUMNS[f]);
        }
        JsonNode volume = StoredFields.require(cols, "volume");
        JsonNode oi = StoredFields.require(cols, "open_interest");
        JsonNode oiChange = StoredFields.require(cols, "oi_change");
        String buildup = StoredFields.text(cols, "buildup");
        JsonNode times = cols.get("timestamp");
        List<EnrichedQuote> out = new ArrayList<>(strikes.length);
        for (int i = 0; i < strikes.length; i++) {
            double[] v = new double[NUMBER_COLUMNS.length];
            for (int f = 0; f < v.length; f++) {
                v[f] = StoredFields.number(numbers[f], i);
            }
            Instant t = times == null ? chainTime : WireTime.parse(times.get(i).asText());
            OptionQuote q = new OptionQuote(OptionSymbol.format(product, expiry, type, strikes[i]), product,
                    strikes[i], expiry, type, v[0], v[1], v[2], volume.get(i).longValue(), oi.get(i).longValue(), v[4],
                    v[5], v[6], v[7], v[3], t);
            out.add(new EnrichedQuote(q, v[8], oiChange.get(i).longValue(), v[9], fromLetter(buildup.charAt(i))));
        }
        return out;
    }

    private static char letter(Buildup b) {
        return switch (b) {
            case LONG_BUILDUP -> 'L';
            case SHORT_BUILDUP -> 'S';
            case SHORT_COVERING -> 'C';
            case LONG_UNWINDING -> 'U';
            case NEUTRAL -> 'N';
        };
    }

    private static Buildup fromLetter(char c) {
        return switch (c) {
            case 'L' -> Buildup.LONG_BUILDUP;
            case 'S' -> Buildup.SHORT_BUILDUP;
            case 'C' -> Buildup.SHORT_COVERING;
            case 'U' -> Buildup.LONG_UNWINDING;
            case 'N' -> Buildup.NEUTRAL;
            default -> throw new IllegalArgumentException("unknown buildup letter '" + c + "'");
        };
    }
}
