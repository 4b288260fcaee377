package io.deltastream.quant.strategy;

import io.deltastream.quant.Inputs;

/**
 * The market a strategy is valued in.
 *
 * @param spot          underlying price now, > 0
 * @param rate          continuously compounded rate, fraction
 * @param dividendYield continuous dividend yield, fraction (0 for a futures underlying valued as spot)
 * @param volatility    the volatility of the underlying's distribution for probability of profit (fraction, > 0),
 *                      typically the ATM implied volatility of the horizon expiry
 */
public record StrategyMarket(double spot, double rate, double dividendYield, double volatility) {

    public StrategyMarket {
        Inputs.requirePositive("spot", spot);
        Inputs.requireFinite("rate", rate);
        Inputs.requireFinite("dividendYield", dividendYield);
        Inputs.requirePositive("volatility", volatility);
    }
}
