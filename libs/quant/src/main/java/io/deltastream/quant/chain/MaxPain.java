package io.deltastream.quant.chain;

import java.util.List;

/**
 * Max pain: the settlement price, among the listed strikes, that minimises the total intrinsic value paid to option
 * holders, pain(S) = sum_calls OI max(0, S - K) + sum_puts OI max(0, K - S); the lowest such strike wins ties (the
 * definition of the reference implementation's {@code calculate_max_pain}).
 *
 * <p>{@link #strike} is O(n) over strike-sorted rows (O(n log n) with the sort {@link ChainInputs} does): with prefix
 * sums of call OI and call OI x K, and suffix sums of put OI and put OI x K, pain(K_j) = K_j C_j - CK_j + PK_j - K_j P_j.
 * {@link #bruteForce} is the plain O(n^2) definition kept as its oracle. With integer open interest and strikes on a
 * grid both are exact in double precision (all sums below 2^53), so they agree even on ties.
 */
public final class MaxPain {

    private MaxPain() {
    }

    /** Max-pain strike of strike-sorted rows; NaN for an empty chain. */
    public static double strike(List<ChainRow> sortedRows) {
        int n = sortedRows.size();
        if (n == 0) {
            return Double.NaN;
        }
        double putOi = 0;
        double putOiStrike = 0;
        for (ChainRow row : sortedRows) {
            putOi += row.put().openInterest();
            putOiStrike += row.put().openInterest() * row.strike();
        }
        double callOi = 0;
        double callOiStrike = 0;
        double bestPain = Double.POSITIVE_INFINITY;
        double bestStrike = Double.NaN;
        for (ChainRow row : sortedRows) {
            double k = row.strike();
            // puts at K_j itself pay nothing at S = K_j, calls below it are already in the prefix
            putOi -= row.put().openInterest();
            putOiStrike -= row.put().openInterest() * k;
            double pain = (k * callOi - callOiStrike) + (putOiStrike - k * putOi);
            if (pain < bestPain) {
                bestPain = pain;
                bestStrike = k;
            }
            callOi += row.call().openInterest();
            callOiStrike += row.call().openInterest() * k;
        }
        return bestStrike;
    }

    /** The O(n^2) definition, verbatim: the test oracle for {@link #strike}. */
    public static double bruteForce(List<ChainRow> sortedRows) {
        double bestPain = Double.POSITIVE_INFINITY;
        double bestStrike = Double.NaN;
        for (ChainRow candidate : sortedRows) {
            double settlement = candidate.strike();
            double pain = 0;
            for (ChainRow row : sortedRows) {
                pain += row.call().openInterest() * Math.max(0, settlement - row.strike());
                pain += row.put().openInterest() * Math.max(0, row.strike() - settlement);
            }
            if (pain < bestPain) {
                bestPain = pain;
                bestStrike = settlement;
            }
        }
        return bestStrike;
    }
}
