package io.deltastream.trading.oms;

import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;
import java.time.Instant;

/**
 * One order and its execution state. Mutable; changed only by the {@link TradingCore} (which its adapter runs under
 * a lock); readers outside the core read it only under that lock.
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
    /** Distance of a trailing stop's trigger from the last price, currency units; NaN for a fixed trigger. */
    double trailingAmount = Double.NaN;
    /** A bracket entry's exits, placed once it fills; null otherwise. */
    OrderRequest.Bracket bracket;
    /** The client's idempotency key; null when it sent none. */
    String clientOrderId;
    /** The entry of a bracket exit leg; null otherwise. */
    String parentOrderId;
    /** The other exit of a bracket exit leg (one-cancels-other); null otherwise. */
    String ocoOrderId;
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

    /** An order as it was persisted, for recovery (prices NaN when absent, times null when absent). */
    public static Order restored(String orderId, String userId, Instrument instrument, OrderType type, Side side,
                                 Validity validity, long quantity, double price, double triggerPrice,
                                 Instant placedAt, OrderStatus status, long seq, long filledQuantity,
                                 double averageFillPrice, boolean triggered, Instant updatedAt, Instant expiresAt,
                                 double trailingAmount, OrderRequest.Bracket bracket, String parentOrderId,
                                 String ocoOrderId, String clientOrderId) {
        Order o = new Order(orderId, userId, instrument, type, side, validity, quantity, price, triggerPrice, placedAt);
        o.trailingAmount = trailingAmount;
        o.bracket = bracket;
        o.parentOrderId = parentOrderId;
        o.ocoOrderId = ocoOrderId;
        o.clientOrderId = clientOrderId;
        o.status = status;
        o.seq = seq;
        o.filledQuantity = filledQuantity;
        o.filledValue = filledQuantity * averageFillPrice;
        o.triggered = triggered;
        o.updatedAt = updatedAt;
        o.expiresAt = expiresAt;
        return o;
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

    public Instrument instrument() {
        return instrument;
    }

    public OrderType type() {
        return type;
    }

    public Side side() {
        return side;
    }

    public Validity validity() {
        return validity;
    }

    /** Total units (filled + open). */
    public long quantity() {
        return quantity;
    }

    /** Limit price, currency units; NaN for MARKET and SL-M. */
    public double price() {
        return price;
    }

    /** Trigger price, currency units; NaN for non-stop orders. */
    public double triggerPrice() {
        return triggerPrice;
    }

    /** Distance of a trailing stop's trigger from the last price, currency units; NaN for a fixed trigger. */
    public double trailingAmount() {
        return trailingAmount;
    }

    /** A bracket entry's exits, or null. */
    public OrderRequest.Bracket bracket() {
        return bracket;
    }

    /** The entry of a bracket exit leg, or null. */
    public String parentOrderId() {
        return parentOrderId;
    }

    /** The other exit of a bracket exit leg, or null. */
    public String ocoOrderId() {
        return ocoOrderId;
    }

    /** The client's idempotency key; null when it sent none. */
    public String clientOrderId() {
        return clientOrderId;
    }

    public long filledQuantity() {
        return filledQuantity;
    }

    public boolean triggered() {
        return triggered;
    }

    /** The order's place in the sequencer's total order (microseconds since the epoch, strictly increasing). */
    public long seq() {
        return seq;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** When it filled completely, or null. */
    public Instant filledAt() {
        return filledAt;
    }

    /** When a DAY order expires, or null. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Why it was rejected, or null. */
    public String rejectionReason() {
        return rejectionReason;
    }

    /** Why it was cancelled, or null. */
    public String cancelReason() {
        return cancelReason;
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
