package io.deltastream.trading.risk;

import io.deltastream.quant.pricing.Greeks;
import java.util.Map;

/**
 * The {@code /risk} figures of one account, currency units unless said otherwise.
 *
 * @param margin            the margin blocked by the positions
 * @param cash              the account's cash
 * @param openPositions     instruments with a non-zero position
 * @param totalPnl          equity minus the initial capital
 * @param dayPnl            equity minus the equity at the start of the day
 * @param exposureByProduct Σ |quantity x mark| by product
 * @param maxConcentration  the largest product exposure as a fraction of equity
 * @param greeks            the positions' Greeks (per unit Greeks x quantity)
 * @param limits            the limits in force
 */
public record RiskReport(MarginCalculator.Margin margin, double cash, int openPositions, double totalPnl,
                         double dayPnl, Map<String, Double> exposureByProduct, double maxConcentration, Greeks greeks,
                         RiskLimits limits) {
}
