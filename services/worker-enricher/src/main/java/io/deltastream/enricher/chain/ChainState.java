package io.deltastream.enricher.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the next chain of an expiry is compared with (OI change, price change, build-up): strikes, open interest and
 * last price per side, and the chain's time. Kept in the cache at {@code enricher:chain_state:{product}:{expiry}} so
 * that every worker instance compares with the latest chain processed by any of them, not only by itself. Compact
 * JSON: {@code {"timestamp", "strikes": [...], "call_oi", "put_oi", "call_last", "put_last"}}.
 */
public final class ChainState {
    private ChainState() {
    }

    /** The cache key for a product and expiry. */
    public static String key(String product, LocalDate expiry) {
        return "enricher:chain_state:" + product + ":" + expiry;
    }

    public static String encode(OptionChain c) {
        ObjectNode o = Json.object();
        o.put("timestamp", WireTime.format(c.timestamp()));
        ArrayNode strikes = o.putArray("strikes");
        ArrayNode callOi = o.putArray("call_oi");
        ArrayNode putOi = o.putArray("put_oi");
        ArrayNode callLast = o.putArray("call_last");
        ArrayNode putLast = o.putArray("put_last");
        for (int i = 0; i < c.strikes().length; i++) {
            strikes.add(c.strikes()[i]);
            callOi.add(c.calls().get(i).openInterest());
            putOi.add(c.puts().get(i).openInterest());
            callLast.add(c.calls().get(i).last());
            putLast.add(c.puts().get(i).last());
        }
        return Json.string(o);
    }

    /**
     * The state's chain time without decoding the rest (the encoder writes it first), or empty for a text that does
     * not start that way.
     */
    public static Optional<Instant> time(String text) {
        String prefix = "{\"timestamp\":\"";
        int end = text.indexOf('"', prefix.length());
        if (!text.startsWith(prefix) || end < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(WireTime.parse(text.substring(prefix.length(), end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The state as a chain of last prices and open interest (no bid/ask, volume or model values), or empty when the
     * text is not a state (written by an incompatible version: the chain is then compared with nothing).
     */
    public static Optional<OptionChain> decode(String product, LocalDate expiry, double spot, String text) {
        try {
            JsonNode o = Json.tree(text);
            Instant t = WireTime.parse(o.get("timestamp").asText());
            JsonNode k = o.get("strikes");
            double[] strikes = new double[k.size()];
            List<OptionQuote> calls = new ArrayList<>(strikes.length);
            List<OptionQuote> puts = new ArrayList<>(strikes.length);
            for (int i = 0; i < strikes.length; i++) {
                strikes[i] = k.get(i).doubleValue();
                calls.add(quote(product, expiry, OptionType.CALL, strikes[i], o.get("call_last").get(i).doubleValue(),
                        o.get("call_oi").get(i).longValue(), t));
                puts.add(quote(product, expiry, OptionType.PUT, strikes[i], o.get("put_last").get(i).doubleValue(),
                        o.get("put_oi").get(i).longValue(), t));
            }
            return Optional.of(new OptionChain(product, expiry, spot, strikes, calls, puts, t));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionQuote quote(String product, LocalDate expiry, OptionType type, double strike, double last,
                                     long oi, Instant t) {
        return new OptionQuote(OptionSymbol.format(product, expiry, type, strike), product, strike, expiry, type, 0, 0,
                last, 0, oi, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, t);
    }
}
