package io.deltastream.trading.oms;

import io.deltastream.trading.matching.Side;
import java.util.Optional;

/**
 * The command to place a new order, as the client sent it.
 *
 * @param price          limit price, NaN when absent (ignored for MARKET and SL-M)
 * @param triggerPrice   trigger price, NaN when absent (a trailing stop then starts at the last price -/+ the trail)
 * @param trailingAmount distance (currency units) at which an SL-M trigger follows the last price in the order's
 *                       favour (a trailing stop-loss), NaN for a fixed trigger
 * @param bracket        the exits of a bracket order, placed once the entry fills
 * @param clientOrderId  the client's idempotency key: a retry with the same key gets the order placed first
 */
public record OrderRequest(String symbol, OrderType type, Side side, long quantity, double price, double triggerPrice,
                           Validity validity, Optional<String> product, double trailingAmount,
                           Optional<Bracket> bracket, Optional<String> clientOrderId) {

    /**
     * The two exits of a bracket order (currency units): a LIMIT at {@code target} and an SL-M triggered at
     * {@code stopLoss}, both on the other side of the entry and one-cancels-other.
     */
    public record Bracket(double target, double stopLoss) {
    }

    /** A plain order: no trailing stop, no bracket. */
    public OrderRequest(String symbol, OrderType type, Side side, long quantity, double price, double triggerPrice,
                        Validity validity, Optional<String> product) {
        this(symbol, type, side, quantity, price, triggerPrice, validity, product, Double.NaN, Optional.empty(),
                Optional.empty());
    }

    /** True for a trailing stop-loss. */
    public boolean trailing() {
        return !Double.isNaN(trailingAmount);
    }
}
