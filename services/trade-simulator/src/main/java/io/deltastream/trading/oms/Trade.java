package io.deltastream.trading.oms;

import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;
import java.time.Instant;

/**
 * One execution booked into an account: a fill of an order, or the cash settlement of an expired option position.
 *
 * @param orderId        the order filled; null for a settlement
 * @param quantity       units, positive
 * @param price          currency units per unit (the intrinsic value for a settlement)
 * @param commission     fee charged, currency units
 * @param realizedPnl    P&L realized by the closing part, before fees, currency units
 * @param liquidity      {@code taker}, {@code maker} or {@code settlement}
 * @param counterparty   {@code market} (the feed's liquidity) or {@code user}; null for a settlement
 * @param settlementSpot the final underlying price of a settlement, NaN for a fill
 */
public record Trade(String tradeId, String orderId, String userId, Instrument instrument, Side side, long quantity,
                    double price, double commission, double realizedPnl, String liquidity, String counterparty,
                    double settlementSpot, Instant executedAt) {

    /** Quantity x price, currency units. */
    public double value() {
        return quantity * price;
    }

    public boolean settlement() {
        return orderId == null;
    }
}
