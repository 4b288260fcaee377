package io.deltastream.trading.risk;

/**
 * Pre-trade limits (all configurable; defaults are the reference's values where it had one).
 *
 * @param maxOrderValue       largest order value (quantity x reference price), currency units
 * @param maxOpenPositions    most instruments with a non-zero position
 * @param dailyLossLimit      largest allowed loss today (positive number), currency units: equity now minus equity at
 *                            the day's first activity
 * @param concentrationLimit  largest share of equity in one product's market value (fraction)
 * @param priceBandPct        a limit price may differ from the reference price by at most
 *                            {@code max(priceBandPct * reference, priceBandAbs)} (NSE's limit price protection:
 *                            ±20 up to a premium of 50, ±40% above)
 * @param priceBandAbs        see {@code priceBandPct}, currency units
 * @param freezeLots          largest order in lots (the exchange's freeze quantity)
 * @param ordersPerSecond     sustained order entry rate per user (new orders and modifications)
 * @param orderBurst          order entry burst per user
 */
public record RiskLimits(double maxOrderValue, int maxOpenPositions, double dailyLossLimit, double concentrationLimit,
                         double priceBandPct, double priceBandAbs, int freezeLots, double ordersPerSecond,
                         int orderBurst) {
}
