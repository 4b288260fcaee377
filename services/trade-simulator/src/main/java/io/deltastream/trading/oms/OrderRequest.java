package io.deltastream.trading.oms;

import io.deltastream.trading.matching.Side;
import java.util.Optional;

/**
 * The command to place a new order, as the client sent it.
 *
 * @param price        limit price, NaN when absent (ignored for MARKET and SL-M)
 * @param triggerPrice trigger price, NaN when absent
 */
public record OrderRequest(String symbol, OrderType type, Side side, long quantity, double price, double triggerPrice,
                           Validity validity, Optional<String> product) {
}
