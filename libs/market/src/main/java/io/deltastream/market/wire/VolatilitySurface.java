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
     * @param ivs           out-of-the-money IV per strike (puts below the forward, calls above): the smile
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
    }
}
