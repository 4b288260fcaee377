package io.deltastream.trading.oms;

import io.deltastream.trading.portfolio.Account;
import java.util.List;

/**
 * What the commands since the last drain changed, in the order it happened: the adapter persists it and publishes it
 * as user events.
 *
 * @param orders    orders created or changed (each once, in its latest state)
 * @param trades    executions and settlements
 * @param positions positions changed (the position may now be flat)
 * @param accounts  accounts opened or changed
 */
public record Changes(List<Order> orders, List<Trade> trades, List<PositionChange> positions,
                      List<Account> accounts) {

    /** A changed position: {@code account}'s position in {@code symbol}. */
    public record PositionChange(Account account, String symbol) {
    }

    public boolean isEmpty() {
        return orders.isEmpty() && trades.isEmpty() && positions.isEmpty() && accounts.isEmpty();
    }
}
