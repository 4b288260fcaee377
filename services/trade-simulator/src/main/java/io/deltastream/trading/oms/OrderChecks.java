package io.deltastream.trading.oms;

import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import io.deltastream.trading.matching.Side;

/** The checks a new or modified order must pass before risk: lots, ticks, stop and bracket prices. */
final class OrderChecks {
    private OrderChecks() {
    }

    /** Thrown inside a command to end it with {@code outcome}; never leaves the core. */
    static final class Refused extends RuntimeException {
        final transient Outcome outcome;

        Refused(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    static Refused invalid(String reason) {
        return new Refused(new Outcome.Invalid(reason));
    }

    static void checkQuantity(Instrument inst, long quantity) {
        if (quantity <= 0 || quantity % inst.lotSize() != 0) {
            throw invalid("Quantity must be a positive multiple of the lot size " + inst.lotSize() + " of "
                    + inst.product().name() + ", got " + quantity);
        }
    }

    static void checkTick(Instrument inst, String field, double price) {
        if (!Double.isNaN(price) && !inst.onTick(price)) {
            throw invalid("Field '" + field + "' must be a multiple of the tick size " + inst.tickSize() + ", got "
                    + price);
        }
    }

    static void checkStop(OrderType type, Side side, double price, double trigger, Quote quote) {
        if (!type.isStop()) {
            return;
        }
        if (type == OrderType.SL && (side == Side.BUY ? price < trigger : price > trigger)) {
            throw invalid(side == Side.BUY
                    ? "A BUY SL order's price must be at or above its trigger price"
                    : "A SELL SL order's price must be at or below its trigger price");
        }
        double ltp = quote.last();
        if (ltp > 0 && (side == Side.BUY ? trigger <= ltp : trigger >= ltp)) {
            throw invalid("Trigger price " + trigger + " must be " + (side == Side.BUY ? "above" : "below")
                    + " the last price " + ltp + " for a " + side + " stop order");
        }
    }

    /** A bracket's entry is a MARKET or LIMIT order; its target lies beyond the entry price, its stop-loss short. */
    static void checkBracket(Instrument inst, OrderRequest req, Quote quote) {
        OrderRequest.Bracket b = req.bracket().orElseThrow();
        if (req.type().isStop()) {
            throw invalid("A bracket order's entry must be a MARKET or LIMIT order");
        }
        checkTick(inst, "target_price", b.target());
        checkTick(inst, "stop_loss_price", b.stopLoss());
        double entry = req.type().hasPrice() ? req.price() : quote.last() > 0 ? quote.last() : quote.mid();
        boolean buy = req.side() == Side.BUY;
        if (buy ? !(b.target() > entry && b.stopLoss() < entry) : !(b.target() < entry && b.stopLoss() > entry)) {
            throw invalid("A " + req.side() + " bracket order needs target_price " + (buy ? "above" : "below")
                    + " and stop_loss_price " + (buy ? "below" : "above") + " the entry price " + entry);
        }
    }

    /** The trigger of a trailing stop {@code trail} away from {@code last}, on the tick grid. */
    static double trailedTrigger(Instrument inst, Side side, double last, double trail) {
        return inst.price(inst.toTicks(side == Side.SELL ? last - trail : last + trail));
    }
}
