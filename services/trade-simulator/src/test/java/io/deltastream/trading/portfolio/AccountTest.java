package io.deltastream.trading.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deltastream.market.product.ProductUniverse;
import io.deltastream.trading.instrument.Instrument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccountTest {
    private static final Instrument X = new Instrument("NIFTY", ProductUniverse.defaults().get("NIFTY"), null, null, 0);
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static Account account() {
        return Account.open("u", 1_000_000, LocalDate.of(2026, 11, 23), T);
    }

    @Test
    void addsAverageByQuantityAndReductionsRealizeAgainstTheAverage() {
        Account a = account();
        a.applyFill(X, 10, 100, 0, T);
        a.applyFill(X, 30, 104, 0, T);
        assertThat(a.position("NIFTY").averagePrice()).isEqualTo(103.0);
        double realized = a.applyFill(X, -15, 110, 0, T).realizedPnl();
        assertThat(realized).isCloseTo(15 * 7.0, within(1e-9));
        assertThat(a.position("NIFTY").quantity()).isEqualTo(25);
        assertThat(a.position("NIFTY").averagePrice()).isEqualTo(103.0);
    }

    @Test
    void shortsAverageAndCoverWithTheRightSign() {
        Account a = account();
        a.applyFill(X, -10, 100, 0, T);
        a.applyFill(X, -10, 90, 0, T);
        assertThat(a.position("NIFTY").averagePrice()).isEqualTo(95.0);
        double realized = a.applyFill(X, 5, 80, 0, T).realizedPnl();
        assertThat(realized).isCloseTo(75.0, within(1e-9));
        assertThat(a.quantity("NIFTY")).isEqualTo(-15);
    }

    @Test
    void aFlipClosesTheOldPositionAndOpensTheRestAtTheFillPrice() {
        // The reference's case: short 10, then buy 20, must leave +10 at the buy price.
        Account a = account();
        a.applyFill(X, -10, 99.7, 0, T);
        double realized = a.applyFill(X, 20, 100.3, 0, T).realizedPnl();
        assertThat(realized).isCloseTo(-6.0, within(1e-9));
        assertThat(a.quantity("NIFTY")).isEqualTo(10);
        assertThat(a.position("NIFTY").averagePrice()).isEqualTo(100.3);
        a.applyFill(X, -10, 101.3, 0, T);
        assertThat(a.position("NIFTY")).isNull();
        assertThat(a.grossRealized()).isCloseTo(-6.0 + 10.0, within(1e-9));
    }

    @Test
    void cashMovesByPremiumAndFeesAndEquityReconciles() {
        Account a = account();
        a.applyFill(X, 75, 100, 3.75, T);
        a.applyFill(X, -75, 120, 4.5, T);
        assertThat(a.cash()).isCloseTo(1_000_000 - 7500 - 3.75 + 9000 - 4.5, within(1e-9));
        assertThat(a.realizedPnl()).isCloseTo(1500 - 8.25, within(1e-9));
        assertThat(a.cash() - a.initialCapital()).isCloseTo(a.realizedPnl(), within(1e-9));
    }

    @Test
    void randomFillsMatchAFifoFreeLedgerIdentity() {
        // Whatever the fills, cash + position at its average = initial + realized - fees (average cost keeps the
        // open quantity's cost exactly).
        SplittableRandom rnd = new SplittableRandom(7);
        for (int run = 0; run < 200; run++) {
            Account a = account();
            for (int i = 0; i < 50; i++) {
                long q = (rnd.nextInt(9) - 4) * 25L;
                if (q == 0) {
                    continue;
                }
                double px = 50 + rnd.nextInt(1000) * 0.05;
                a.applyFill(X, q, px, 1, T);
            }
            Position p = a.position("NIFTY");
            double openCost = p == null ? 0 : p.quantity() * p.averagePrice();
            assertThat(a.cash() + openCost).isCloseTo(a.initialCapital() + a.realizedPnl(), within(1e-6));
        }
    }
}
