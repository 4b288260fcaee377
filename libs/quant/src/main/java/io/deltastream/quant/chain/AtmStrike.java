package io.deltastream.quant.chain;

import java.util.List;

/** The listed strike nearest to a level (the forward, in {@link ChainAnalyzer}); ties go to the lower strike. */
public final class AtmStrike {

    private AtmStrike() {
    }

    /** Index of the nearest strike in strike-sorted rows, by binary search; -1 for an empty chain. */
    public static int nearestIndex(List<ChainRow> sortedRows, double level) {
        int low = 0;
        int high = sortedRows.size() - 1;
        if (high < 0) {
            return -1;
        }
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sortedRows.get(middle).strike() < level) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        // low is the first strike >= level (or the last one); the one below wins ties
        if (low > 0 && level - sortedRows.get(low - 1).strike() <= Math.abs(sortedRows.get(low).strike() - level)) {
            return low - 1;
        }
        return low;
    }

    public static double nearest(List<ChainRow> sortedRows, double level) {
        int index = nearestIndex(sortedRows, level);
        return index < 0 ? Double.NaN : sortedRows.get(index).strike();
    }
}
