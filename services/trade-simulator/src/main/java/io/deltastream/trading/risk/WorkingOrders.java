package io.deltastream.trading.risk;

import io.deltastream.trading.instrument.Instrument;
import java.util.Map;

/**
 * A user's other working orders, counted as if they filled (so that resting orders cannot commit the same cash
 * twice).
 *
 * @param buys    unfilled units of working buy orders by instrument symbol
 * @param sells   unfilled units of working sell orders by instrument symbol
 * @param net     buys minus sells by instrument
 * @param premium Σ signed unfilled units x their price estimate: the cash they would pay (negative: receive)
 */
public record WorkingOrders(Map<String, Long> buys, Map<String, Long> sells, Map<Instrument, Long> net,
                            double premium) {

    public static final WorkingOrders NONE = new WorkingOrders(Map.of(), Map.of(), Map.of(), 0);

    /** Unfilled units of working orders on {@code symbol} on the side of {@code sign} (+1 buy, -1 sell). */
    public long sameSide(String symbol, int sign) {
        return (sign > 0 ? buys : sells).getOrDefault(symbol, 0L);
    }
}
