package io.deltastream.trading.oms;

import io.deltastream.trading.risk.BasketMargin;
import io.deltastream.trading.risk.Rejected;
import java.util.List;
import java.util.Optional;

/** What the {@link TradingCore} answers to an order command or a what-if question. */
public sealed interface Outcome {
    /** The command was applied; {@code order} is the order after it (read under the adapter's lock). */
    record OrderAccepted(Order order) implements Outcome {
    }

    /** A basket was placed: its orders, in the order of its legs. */
    record BasketAccepted(List<Order> orders) implements Outcome {
    }

    /**
     * A what-if answer: what the basket would need and whether it would pass.
     *
     * @param marginOfLegsAlone Σ of each leg's margin change if it were placed alone, currency units
     */
    record Assessed(BasketMargin margin, double marginOfLegsAlone, Optional<Rejected> rejection) implements Outcome {
    }

    /** A pre-trade limit refused the order (a placed order is recorded as REJECTED). */
    record RiskRejected(Rejected rejected) implements Outcome {
    }

    /** The command itself is not valid (bad instrument, lot, tick, stop price, or an order no longer working). */
    record Invalid(String reason) implements Outcome {
    }

    /** The core has no working or recently ended order of that id for that user. */
    record NotFound(String orderId) implements Outcome {
    }
}
