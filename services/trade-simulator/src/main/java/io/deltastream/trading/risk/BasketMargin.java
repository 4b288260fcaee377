package io.deltastream.trading.risk;

/**
 * What an order or a basket would add to an account's needs, currency units.
 *
 * @param marginBefore the margin of the positions and other working orders without the basket
 * @param marginAfter  the margin with the basket filled (a hedged basket is margined as a whole)
 * @param premium      net premium the basket pays (negative: receives)
 * @param fees         the fees of its legs
 * @param available    cash left after the other working orders' premium and the margin before
 */
public record BasketMargin(double marginBefore, double marginAfter, double premium, double fees, double available) {

    /** The cash and margin the basket needs on top of what is blocked already. */
    public double required() {
        return marginAfter - marginBefore + premium + fees;
    }
}
