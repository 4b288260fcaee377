package io.deltastream.quant.strategy;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.pricing.OptionType;

import java.util.Objects;

/**
 * A European option leg.
 *
 * @param type       call or put
 * @param strike     > 0
 * @param years      ACT/365 time from now to this leg's expiry, >= 0
 * @param quantity   signed units, positive long
 * @param entryPrice premium paid (long) or received (short) per unit, >= 0
 * @param volatility the leg's implied volatility (fraction, > 0), used to value it before expiry
 */
public record OptionLeg(OptionType type, double strike, double years, double quantity, double entryPrice,
                        double volatility) implements Leg {

    public OptionLeg {
        Objects.requireNonNull(type, "type");
        Inputs.requirePositive("strike", strike);
        Inputs.requireNonNegative("years", years);
        Inputs.requireFinite("quantity", quantity);
        Inputs.requireNonNegative("entryPrice", entryPrice);
        Inputs.requirePositive("volatility", volatility);
    }
}
