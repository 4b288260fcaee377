package io.deltastream.trading.portfolio;

import io.deltastream.trading.instrument.Instrument;
import java.time.Instant;

/**
 * A net position in one instrument, averaged by the weighted-average-cost method: adding to the position moves the
 * average entry price to the quantity-weighted mean of the old average and the fill; a reducing fill leaves the
 * average unchanged and realizes {@code (fill - average) * closed units} for a long ({@code (average - fill) * closed}
 * for a short); a fill that crosses zero closes the whole old position that way and opens the rest at the fill price.
 * Mutable; owned by one {@link Account}.
 */
public final class Position {
    private final Instrument instrument;
    private long quantity;
    private double averagePrice;
    private double realizedPnl;
    private Instant openedAt;
    private Instant updatedAt;

    public Position(Instrument instrument, long quantity, double averagePrice, double realizedPnl, Instant openedAt,
                    Instant updatedAt) {
        this.instrument = instrument;
        this.quantity = quantity;
        this.averagePrice = averagePrice;
        this.realizedPnl = realizedPnl;
        this.openedAt = openedAt;
        this.updatedAt = updatedAt;
    }

    /**
     * Applies one fill.
     *
     * @param signedQuantity units bought (positive) or sold (negative)
     * @param price          fill price, currency units
     * @return the P&L realized by the closing part of the fill (before fees), currency units
     */
    public double apply(long signedQuantity, double price, Instant at) {
        double realized = 0;
        if (quantity == 0 || Long.signum(quantity) == Long.signum(signedQuantity)) {
            long next = quantity + signedQuantity;
            averagePrice = (Math.abs(quantity) * averagePrice + Math.abs(signedQuantity) * price) / Math.abs(next);
            if (quantity == 0) {
                openedAt = at;
            }
            quantity = next;
        } else {
            long closed = Math.min(Math.abs(quantity), Math.abs(signedQuantity));
            realized = closed * (price - averagePrice) * Long.signum(quantity);
            long next = quantity + signedQuantity;
            if (next == 0) {
                averagePrice = 0;
            } else if (Long.signum(next) != Long.signum(quantity)) {
                averagePrice = price;
                openedAt = at;
            }
            quantity = next;
        }
        realizedPnl += realized;
        updatedAt = at;
        return realized;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** Units: positive long, negative short. */
    public long quantity() {
        return quantity;
    }

    /** Average entry price of the open quantity (0 when flat), currency units. */
    public double averagePrice() {
        return averagePrice;
    }

    /** P&L realized in this instrument since the position was first opened (before fees), currency units. */
    public double realizedPnl() {
        return realizedPnl;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Unrealized P&L against {@code mark}, currency units. */
    public double unrealizedPnl(double mark) {
        return quantity * (mark - averagePrice);
    }
}
