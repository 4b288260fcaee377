package io.deltastream.quant.strategy;

import io.deltastream.quant.InvalidInputException;

/**
 * A position in the underlying (stock, ETF, future).
 *
 * @param quantity   signed units
 * @param entryPrice price paid per unit, > 0
 */
public record UnderlyingLeg(double quantity, double entryPrice) implements Leg {

    public UnderlyingLeg {
        InvalidInputException.requireFinite("quantity", quantity);
        InvalidInputException.requirePositive("entryPrice", entryPrice);
    }
}
