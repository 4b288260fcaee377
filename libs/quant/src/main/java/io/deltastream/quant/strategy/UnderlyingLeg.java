package io.deltastream.quant.strategy;

import io.deltastream.quant.Inputs;

/**
 * A position in the underlying (stock, ETF, future).
 *
 * @param quantity   signed units
 * @param entryPrice price paid per unit, > 0
 */
public record UnderlyingLeg(double quantity, double entryPrice) implements Leg {

    public UnderlyingLeg {
        Inputs.requireFinite("quantity", quantity);
        Inputs.requirePositive("entryPrice", entryPrice);
    }
}
