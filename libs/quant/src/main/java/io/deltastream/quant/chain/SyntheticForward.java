package io.deltastream.quant.chain;

import java.util.List;

/** The forward implied by put–call parity, for index chains without a quoted future. */
public final class SyntheticForward {

    private SyntheticForward() {
    }

    /**
     * F = K + e^{rT} (C - P) at the strike where the call and put prices are closest (the most at-the-money pair,
     * whose parity is least distorted by spreads). NaN when no strike has both prices.
     */
    public static double fromPutCallParity(List<ChainRow> rows, double years, double rate) {
        double best = Double.POSITIVE_INFINITY;
        double forward = Double.NaN;
        for (ChainRow row : rows) {
            if (row.call().hasPrice() && row.put().hasPrice()) {
                double difference = row.call().price() - row.put().price();
                if (Math.abs(difference) < best) {
                    best = Math.abs(difference);
                    forward = row.strike() + Math.exp(rate * years) * difference;
                }
            }
        }
        return forward;
    }
}
