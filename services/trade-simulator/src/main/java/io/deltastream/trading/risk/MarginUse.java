package io.deltastream.trading.risk;

/**
 * The margin of all accounts together, for the metrics: aggregates only, so that the number of series does not grow
 * with the number of users.
 *
 * @param used          Σ margin blocked by the accounts' positions, currency units
 * @param accountsAbove accounts whose {@linkplain #utilization margin utilisation} is at least the threshold asked for
 */
public record MarginUse(double used, int accountsAbove) {

    /**
     * Margin used as a fraction of cash, as {@code /risk} reports it ({@code margin_utilization}): 1 when margin is
     * used and there is no cash left, 0 when nothing is used.
     */
    public static double utilization(double used, double cash) {
        return cash > 0 ? used / cash : (used > 0 ? 1.0 : 0.0);
    }
}
