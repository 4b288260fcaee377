package io.deltastream.market.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * All strikes of one product and expiry, published by the feed on {@code market:option_chain}. Wire shape
 * (reference order): {@code {"product", "expiry", "spot_price", "strikes": [...], "calls": [...], "puts": [...],
 * "timestamp"}}; {@code calls[i]} and {@code puts[i]} are the quotes at {@code strikes[i]}.
 *
 * @param spotPrice the underlying's price the quotes were made against, currency units
 * @param strikes   ascending, distinct, currency units
 */
public record OptionChain(String product, LocalDate expiry, double spotPrice, double[] strikes,
                          List<OptionQuote> calls, List<OptionQuote> puts, Instant timestamp) {
    public OptionChain {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(timestamp, "timestamp");
        calls = List.copyOf(calls);
        puts = List.copyOf(puts);
        if (calls.size() != strikes.length || puts.size() != strikes.length) {
            throw new IllegalArgumentException("a chain needs one call and one put per strike: " + strikes.length
                    + " strikes, " + calls.size() + " calls, " + puts.size() + " puts");
        }
    }
}
