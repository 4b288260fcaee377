package io.deltastream.quant.strategy;

/** One leg of a strategy: an option or the underlying. Quantities are signed: positive long, negative short. */
public sealed interface Leg permits OptionLeg, UnderlyingLeg {

    /** Signed number of units (contracts are converted with the strategy's multiplier). */
    double quantity();

    /** What was paid per unit on entry (premium for options, price for the underlying). */
    double entryPrice();
}
