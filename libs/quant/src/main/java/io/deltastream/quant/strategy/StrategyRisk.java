package io.deltastream.quant.strategy;

import java.util.List;

/**
 * Risk profile of a strategy at its horizon (the earliest option expiry), in currency units of P&L including the
 * entry cost.
 *
 * @param maxProfit            largest P&L (Double.POSITIVE_INFINITY when unbounded)
 * @param maxProfitUnbounded   true when P&L grows without bound as the underlying rises
 * @param maxLoss              most negative P&L, reported as a negative number (NEGATIVE_INFINITY when unbounded)
 * @param maxLossUnbounded     true when P&L falls without bound as the underlying rises
 * @param breakevens           underlying levels where P&L crosses zero, ascending
 * @param probabilityOfProfit  risk-neutral probability that P&L at the horizon is positive (lognormal underlying with
 *                             the market's volatility and the horizon's forward)
 */
public record StrategyRisk(double maxProfit, boolean maxProfitUnbounded, double maxLoss, boolean maxLossUnbounded,
                           List<Double> breakevens, double probabilityOfProfit) {

    public StrategyRisk {
        breakevens = List.copyOf(breakevens);
    }
}
