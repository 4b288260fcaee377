package io.deltastream.quant.chain;

import java.util.List;
import java.util.function.ToLongFunction;

/** Put/call ratios as the reference defines them: 0 (not NaN or infinity) when the call side is 0. */
public final class PutCallRatio {

    private PutCallRatio() {
    }

    /** Total put open interest / total call open interest. */
    public static double byOpenInterest(List<ChainRow> rows) {
        return ratio(rows, ChainQuote::openInterest);
    }

    /** Total put volume / total call volume. */
    public static double byVolume(List<ChainRow> rows) {
        return ratio(rows, ChainQuote::volume);
    }

    /** puts / calls, or 0 when calls is 0. */
    public static double ofTotals(long puts, long calls) {
        return calls > 0 ? (double) puts / calls : 0;
    }

    private static double ratio(List<ChainRow> rows, ToLongFunction<ChainQuote> field) {
        long calls = 0;
        long puts = 0;
        for (ChainRow row : rows) {
            calls += field.applyAsLong(row.call());
            puts += field.applyAsLong(row.put());
        }
        return ofTotals(puts, calls);
    }
}
