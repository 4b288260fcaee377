package io.deltastream.market.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The implied-volatility surface of a product: the latest smile of every live expiry, cached at
 * {@code volatility_surface:{product}}. Wire shape: {@code {"product", "expiries": [slice...], "timestamp"}} with
 * slices ordered by expiry.
 *
 * @param timestamp time of the newest chain that contributed
 */
public record VolatilitySurface(String product, List<Slice> expiries, Instant timestamp) {
    public VolatilitySurface {
        expiries = List.copyOf(expiries);
    }

    /**
     * One expiry's smile. Wire shape (the reference's {@code expiry, strikes, ivs, avg_iv} first, then the
     * dashboard's {@code call_ivs, put_ivs}, then the fit): {@code {"expiry", "strikes", "ivs", "avg_iv", "call_ivs",
     * "put_ivs", "time_to_expiry", "forward", "atm_iv", "svi"}}. Arrays align with {@code strikes}; a volatility that
     * could not be solved is null.
     *
     * @param strikes       ascending, distinct, currency units
     * @param ivs           smile IV per strike: the out-of-the-money option's (puts below the forward, calls
     *                      above), else the other's
     * @param avgIv         mean of the known {@code ivs}
     * @param callIvs       call IV per strike
     * @param putIvs        put IV per strike
     * @param yearsToExpiry ACT/365 years to expiry
     * @param forward       currency units
     * @param atmIv         at-the-money IV
     * @param svi           the fitted smile, or null
     */
    public record Slice(LocalDate expiry, double[] strikes, double[] ivs, double avgIv, double[] callIvs,
                        double[] putIvs, double yearsToExpiry, double forward, double atmIv, SviParams svi) {

        /**
         * The slice of one enriched chain. The smile IV of a strike is the out-of-the-money option's (put below the
         * forward, call at or above it) or, when that one could not be solved, the other's: the quant engine's
         * definition, so a slice rebuilt from a stored chain equals the one the enricher published.
         */
        public static Slice of(EnrichedChain chain) {
            double[] strikes = chain.strikes();
            double forward = Double.isNaN(chain.forward()) ? chain.spotPrice() : chain.forward();
            double[] calls = new double[strikes.length];
            double[] puts = new double[strikes.length];
            double[] smile = new double[strikes.length];
            double sum = 0;
            int known = 0;
            for (int i = 0; i < strikes.length; i++) {
                calls[i] = chain.calls().get(i).quote().iv();
                puts[i] = chain.puts().get(i).quote().iv();
                boolean putSide = strikes[i] < forward;
                smile[i] = putSide ? puts[i] : calls[i];
                if (Double.isNaN(smile[i])) {
                    smile[i] = putSide ? calls[i] : puts[i];
                }
                if (!Double.isNaN(smile[i])) {
                    sum += smile[i];
                    known++;
                }
            }
            return new Slice(chain.expiry(), strikes, smile, known == 0 ? Double.NaN : sum / known, calls, puts,
                    chain.yearsToExpiry(), chain.forward(), chain.atmIv(), chain.smile());
        }
    }
}
