package io.deltastream.trading.oms;

import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;
import java.time.Instant;

/**
 * One order and its execution state. Mutable; changed only by the {@link TradingEngine} under its lock.
 */
public final class Order {
    final String orderId;
    final String userId;
    final Instrument instrument;
    final OrderType type;
    final Side side;
    final Validity validity;
    final Instant placedAt;
    long seq;
    long bookId;
    long quantity;
    /** Limit price, currency units; NaN for MARKET and SL-M. */
    double price;
    /** Trigger price, currency units; NaN for non-stop orders. */
    double triggerPrice;
    OrderStatus status;
    boolean triggered;
    long filledQuantity;
    double filledValue;
    Instant updatedAt;
    Instant filledAt;
    Instant expiresAt;
    String rejectionReason;
    String cancelReason;

    Order(String orderId, String userId, Instrument instrument, OrderType type, Side side, Validity validity,
          long quantity, double price, double triggerPrice, Instant placedAt) {
        this.orderId = orderId;
        this.userId = userId;
        this.instrument = instrument;
        this.type = type;
        this.side = side;
        this.validity = validity;
        this.quantity = quantity;
        this.price = price;
        this.triggerPrice = triggerPrice;
        this.placedAt = placedAt;
        this.updatedAt = placedAt;
        this.status = OrderStatus.PENDING;
    }

    public String orderId() {
        return orderId;
    }

    public String userId() {
        return userId;
    }

    public OrderStatus status() {
        return status;
    }

    /** Units not yet filled. */
    public long remaining() {
        return quantity - filledQuantity;
    }

    /** Volume-weighted average fill price, 0 before any fill. */
    public double averageFillPrice() {
        return filledQuantity == 0 ? 0 : filledValue / filledQuantity;
    }

    /** True while the order executes as a market order (MARKET, or a triggered SL-M). */
    boolean isMarket() {
        return type == OrderType.MARKET || type == OrderType.SL_M;
    }

    /** +1 for a buy, -1 for a sell. */
    int sign() {
        return side == Side.BUY ? 1 : -1;
    }
}
