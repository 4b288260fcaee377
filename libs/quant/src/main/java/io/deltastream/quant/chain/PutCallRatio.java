package io.deltastream.quant.chain;

import java.util.List;

/** Put/call ratios as the reference defines them: 0 (not NaN or infinity) when the call side is 0. */
public final class PutCallRatio {

    private PutCallRatio() {
    }

    /** Total put open interest / total call open interest. */
    public static double byOpenInterest(List<ChainRow> rows) {
        long calls = 0;
        long puts = 0;
        for (ChainRow row : rows) {
            calls += row.call().openInterest();
            puts += row.put().openInterest();
        }
        return ratio(puts, calls);
    }

    /** Total put volume / total call volume. */
    public static double byVolume(List<ChainRow> rows) {
        long calls = 0;
        long puts = 0;
        for (ChainRow row : rows) {
            calls += row.call().volume();
            puts += row.put().volume();
        }
        return ratio(puts, calls);
    }

    static double ratio(long puts, long calls) {
        return calls > 0 ? (double) puts / calls : 0;
    }
}
