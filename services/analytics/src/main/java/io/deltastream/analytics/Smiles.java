package io.deltastream.analytics;

import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.VolatilitySurface;

/** The smile of one chain in the surface's slice shape. */
final class Smiles {
    private Smiles() {
    }

    /**
     * One slice: IVs aligned with the chain's strikes — call and put IV per strike, and the out-of-the-money one
     * (put below the forward, call at or above) as the smile; {@code avg_iv} is the mean of the known smile IVs.
     */
    static VolatilitySurface.Slice slice(EnrichedChain chain) {
        double[] strikes = chain.strikes();
        double forward = Double.isNaN(chain.forward()) ? chain.spotPrice() : chain.forward();
        double[] calls = new double[strikes.length];
        double[] puts = new double[strikes.length];
        double[] otm = new double[strikes.length];
        double sum = 0;
        int known = 0;
        for (int i = 0; i < strikes.length; i++) {
            calls[i] = chain.calls().get(i).quote().iv();
            puts[i] = chain.puts().get(i).quote().iv();
            otm[i] = strikes[i] < forward ? puts[i] : calls[i];
            if (Double.isNaN(otm[i])) {
                otm[i] = strikes[i] < forward ? calls[i] : puts[i];
            }
            if (!Double.isNaN(otm[i])) {
                sum += otm[i];
                known++;
            }
        }
        return new VolatilitySurface.Slice(chain.expiry(), strikes, otm, known == 0 ? Double.NaN : sum / known, calls,
                puts, chain.yearsToExpiry(), chain.forward(), chain.atmIv(), chain.smile());
    }
}
