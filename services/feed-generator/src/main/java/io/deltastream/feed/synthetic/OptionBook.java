package io.deltastream.feed.synthetic;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trading state of the listed options of one product that persists from tick to tick: cumulative session volume,
 * open interest that builds and unwinds, and the last traded price. Not thread-safe.
 */
final class OptionBook {
    /** State of one option. */
    static final class Contract {
        long volume;
        long openInterest;
        double last = Double.NaN;
        /** Persistent appetite to open (+) or close (-) positions, AR(1) in [-1, 1]. */
        double flow;
        /** When the contract was last quoted, null before its first quote. */
        java.time.Instant lastQuoted;
    }

    private record Key(LocalDate expiry, double strike, boolean call) {
    }

    private final Map<Key, Contract> contracts = new HashMap<>();
    private LocalDate session;

    /** The contract's state, created with an open interest profile peaking at the money when first listed. */
    Contract contract(LocalDate expiry, double strike, boolean call, double standardisedMoneyness,
                      SplittableRandom random) {
        return contracts.computeIfAbsent(new Key(expiry, strike, call), k -> {
            Contract c = new Contract();
            // Writers sell out-of-the-money options: more put OI below the money, more call OI above.
            double otm = call ? standardisedMoneyness : -standardisedMoneyness;
            double profile = Math.exp(-0.5 * standardisedMoneyness * standardisedMoneyness) * (otm > 0 ? 1.3 : 0.8);
            c.openInterest = Math.round(20_000 + 150_000 * profile * (0.7 + 0.6 * random.nextDouble()));
            c.flow = random.nextDouble() * 2 - 1;
            return c;
        });
    }

    /** Starts a new trading session (cumulative volumes restart at 0) when {@code day} differs from the current one. */
    void startSession(LocalDate day) {
        if (!day.equals(session)) {
            session = day;
            contracts.values().forEach(c -> c.volume = 0);
        }
    }

    /** Forgets expired contracts and strikes that drifted far from the spot, so the book stays bounded. */
    void prune(LocalDate today, double low, double high) {
        contracts.keySet().removeIf(k -> k.expiry().isBefore(today) || k.strike() < low || k.strike() > high);
    }

    int size() {
        return contracts.size();
    }
}
