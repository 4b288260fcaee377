package io.deltastream.analytics;

import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.quant.surface.SsviFitter;
import io.deltastream.quant.surface.SsviSurface;
import io.deltastream.quant.surface.SviParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which fit the surface endpoint shows: the per-expiry raw SVI fits of the enricher, or an SSVI fit of the whole
 * surface (free of static arbitrage by construction) when its RMSE in implied vol over all quotes is the smaller, or
 * when some expiry has no SVI fit. SSVI slices are written as raw SVI, so the surface keeps its shape.
 *
 * @param answer  the surface to serve, slices by ascending expiry when SSVI is used
 * @param useSsvi whether the slices carry the SSVI fit
 * @param sviRmse RMSE of the SVI fits over all quotes (fraction); NaN when some expiry has none
 * @param ssvi    the SSVI fit, or null when it cannot be fitted (an expiry without quotes around the forward)
 */
record SurfaceFit(VolatilitySurface answer, boolean useSsvi, double sviRmse, SsviSurface ssvi) {

    static SurfaceFit of(VolatilitySurface surface) {
        List<VolatilitySurface.Slice> slices = surface.expiries().stream()
                .sorted(Comparator.comparingDouble(VolatilitySurface.Slice::yearsToExpiry)).toList();
        List<SsviFitter.Smile> smiles = new ArrayList<>();
        double sviSquares = 0;
        int quotes = 0;
        boolean sviComplete = true;
        for (VolatilitySurface.Slice slice : slices) {
            int known = (int) Arrays.stream(slice.ivs()).filter(v -> !Double.isNaN(v)).count();
            quotes += known;
            if (slice.svi() == null) {
                sviComplete = false;
            } else {
                sviSquares += known * slice.svi().rmse() * slice.svi().rmse();
            }
            if (Double.isFinite(slice.forward()) && slice.forward() > 0 && slice.yearsToExpiry() > 0) {
                smiles.add(new SsviFitter.Smile(slice.yearsToExpiry(), slice.forward(), slice.strikes(),
                        slice.ivs()));
            }
        }
        double sviRmse = sviComplete && quotes > 0 ? Math.sqrt(sviSquares / quotes) : Double.NaN;
        SsviSurface ssvi = smiles.size() == slices.size() ? SsviFitter.fit(smiles) : null;
        boolean useSsvi = ssvi != null && (Double.isNaN(sviRmse) || ssvi.rmseVol() < sviRmse);
        if (!useSsvi) {
            return new SurfaceFit(surface, false, sviRmse, ssvi);
        }
        List<VolatilitySurface.Slice> fitted = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            VolatilitySurface.Slice s = slices.get(i);
            SviParameters p = ssvi.slice(i);
            SviParams fit = new SviParams(p.a(), p.b(), p.rho(), p.m(), p.sigma(),
                    SsviFitter.sliceRmseVol(ssvi, i, smiles.get(i)));
            fitted.add(new VolatilitySurface.Slice(s.expiry(), s.strikes(), s.ivs(), s.avgIv(), s.callIvs(),
                    s.putIvs(), s.yearsToExpiry(), s.forward(), s.atmIv(), fit));
        }
        return new SurfaceFit(new VolatilitySurface(surface.product(), fitted, surface.timestamp()), true, sviRmse,
                ssvi);
    }
}
