package io.deltastream.trading.portfolio;

import io.deltastream.trading.instrument.Instrument;
import java.util.Optional;
import java.util.function.Function;

/**
 * An account marked to market: positions at the live mid (at their average price while an instrument has no quote).
 *
 * @param unrealizedPnl Σ quantity x (mark - average price), currency units
 * @param marketValue   Σ quantity x mark (shorts negative), currency units
 * @param equity        cash + market value
 */
public record Valuation(double unrealizedPnl, double marketValue, double equity) {

    /** Values {@code account} at {@code marks} (currency units per unit; empty: no quote). */
    public static Valuation of(Account account, Function<Instrument, Optional<Double>> marks) {
        double unrealized = 0;
        double value = 0;
        for (Position p : account.positions().values()) {
            double mark = marks.apply(p.instrument()).orElse(p.averagePrice());
            unrealized += p.unrealizedPnl(mark);
            value += p.quantity() * mark;
        }
        return new Valuation(unrealized, value, account.cash() + value);
    }
}
