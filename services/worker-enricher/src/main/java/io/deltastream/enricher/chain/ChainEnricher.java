package io.deltastream.enricher.chain;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.SviParams;
import io.deltastream.market.wire.VolatilitySurface;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.chain.ChainAnalysis;
import io.deltastream.quant.chain.ChainAnalyzer;
import io.deltastream.quant.chain.ChainInputs;
import io.deltastream.quant.chain.ChainQuote;
import io.deltastream.quant.chain.ChainRow;
import io.deltastream.quant.chain.StrikeAnalytics;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.surface.SmileMetrics;
import io.deltastream.quant.surface.SviFitter;
import io.deltastream.quant.surface.SviSlice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Enriches one feed chain with the quant engine: IV of every call and put solved from its mid price (with the
 * product's {@link io.deltastream.market.product.ExerciseStyle#model()}), Greeks at that IV, the reference's
 * summary fields, ATM IV, 25-delta skew, the one-sigma expected move, OI change, price change and build-up against the
 * previous chain of the same expiry, and the SVI fit of the smile. Stateless and thread-safe.
 */
public final class ChainEnricher {
    private ChainEnricher() {
    }

    /**
     * The enrichment of {@code chain}.
     *
     * @param previous    the previous chain of the same product and expiry (older than {@code chain}), or null
     * @param processedAt the enricher's time
     * @throws InvalidInputException when the chain cannot be valued (expired, no positive spot, duplicate strikes):
     *                               the message is bad, retrying cannot help
     */
    public static Result enrich(Product product, OptionChain chain, OptionChain previous, Instant processedAt) {
        double years = ExpiryCalendar.yearsToExpiry(product, chain.expiry(), chain.timestamp());
        if (!(years > 0)) {
            throw new InvalidInputException("expiry", years, "a chain whose expiry " + chain.expiry()
                    + " is after its timestamp " + chain.timestamp());
        }
        ChainInputs quant = toQuant(product, chain, years);
        ChainInputs quantPrevious = previous == null ? null
                : toQuant(product, previous, Math.max(years, 1e-9));
        ChainAnalysis a = ChainAnalyzer.analyze(quant, quantPrevious);

        double[] strikes = chain.strikes();
        int n = strikes.length;
        List<EnrichedQuote> calls = new ArrayList<>(n);
        List<EnrichedQuote> puts = new ArrayList<>(n);
        // Analysis rows are sorted by strike; the feed's strikes are ascending too (checked by toQuant's order).
        for (int i = 0; i < n; i++) {
            StrikeAnalytics s = a.strikes().get(i);
            OptionQuote call = chain.calls().get(i);
            OptionQuote put = chain.puts().get(i);
            OptionQuote prevCall = previous == null ? null : at(previous.calls(), previous.strikes(), strikes[i]);
            OptionQuote prevPut = previous == null ? null : at(previous.puts(), previous.strikes(), strikes[i]);
            calls.add(enriched(call, s.callIv().isOk() ? s.callIv().volatility() : Double.NaN, s.callGreeks(),
                    s.callOiChange(), prevCall));
            puts.add(enriched(put, s.putIv().isOk() ? s.putIv().volatility() : Double.NaN, s.putGreeks(),
                    s.putOiChange(), prevPut));
        }

        int atm = nearestToSpot(strikes, chain.spotPrice());
        double straddle = atm < 0 ? 0 : chain.calls().get(atm).last() + chain.puts().get(atm).last();
        SviSlice slice = fitSmile(a, years);
        SviParams smile = slice == null ? null : new SviParams(slice.parameters().a(), slice.parameters().b(),
                slice.parameters().rho(), slice.parameters().m(), slice.parameters().sigma(), slice.rmseVol());
        double skew = slice == null ? Double.NaN : -SmileMetrics.of(slice).riskReversal25();
        EnrichedChain enriched = new EnrichedChain(chain.product(), chain.expiry(), chain.spotPrice(), strikes,
                round(a.pcrOi(), 4), round(a.pcrVolume(), 4), atm < 0 ? Double.NaN : strikes[atm], round(straddle, 2),
                a.maxPainStrike(), a.totalCallOi(), a.totalPutOi(), a.callOiOtm(), a.putOiOtm(), calls, puts,
                chain.timestamp(), processedAt, years, a.forward(), a.atmIv(), skew, a.expectedMoveOneSigma(),
                a.totalCallOiChange(), a.totalPutOiChange(), smile);
        return new Result(enriched, VolatilitySurface.Slice.of(enriched));
    }

    /**
     * An enriched chain and its volatility-surface slice.
     */
    public record Result(EnrichedChain chain, VolatilitySurface.Slice slice) {
    }

    private static ChainInputs toQuant(Product product, OptionChain chain, double years) {
        double[] k = chain.strikes();
        List<ChainRow> rows = new ArrayList<>(k.length);
        for (int i = 0; i < k.length; i++) {
            if (i > 0 && !(k[i] > k[i - 1])) {
                throw new InvalidInputException("strikes", k[i], "ascending distinct strikes");
            }
            rows.add(new ChainRow(k[i], quote(chain.calls().get(i)), quote(chain.puts().get(i))));
        }
        return new ChainInputs(product.exercise().model(), chain.spotPrice(),
                BlackScholesMerton.forward(chain.spotPrice(), years, product.rate(), product.dividendYield()), years,
                product.rate(), product.dividendYield(), rows);
    }

    private static ChainQuote quote(OptionQuote q) {
        double mid = q.mid();
        return new ChainQuote(mid > 0 ? mid : Double.NaN, q.volume(), q.openInterest());
    }

    private static EnrichedQuote enriched(OptionQuote q, double iv, Greeks g, long oiChange, OptionQuote before) {
        OptionQuote withModel = g == null ? q.withModel(Double.NaN, Double.NaN, Double.NaN, Double.NaN, significant(iv))
                : q.withModel(significant(g.delta()), significant(g.gamma()), significant(g.vega()),
                        significant(g.theta()), significant(iv));
        double priceChange = before == null ? 0 : Math.rint((q.last() - before.last()) * 1e8) / 1e8;
        Buildup buildup = before == null ? Buildup.NEUTRAL : Buildup.classify(priceChange, oiChange);
        return new EnrichedQuote(withModel, g == null ? Double.NaN : significant(g.rho()), oiChange, priceChange,
                buildup);
    }

    private static OptionQuote at(List<OptionQuote> side, double[] strikes, double strike) {
        int i = java.util.Arrays.binarySearch(strikes, strike);
        return i >= 0 && i < side.size() ? side.get(i) : null;
    }

    /** The reference's ATM: the strike nearest to spot, the lower one on a tie; -1 for an empty chain. */
    static int nearestToSpot(double[] strikes, double spot) {
        int best = -1;
        for (int i = 0; i < strikes.length; i++) {
            if (best < 0 || Math.abs(strikes[i] - spot) < Math.abs(strikes[best] - spot)) {
                best = i;
            }
        }
        return best;
    }

    private static SviSlice fitSmile(ChainAnalysis a, double years) {
        try {
            return SviFitter.fit(a, years);
        } catch (InvalidInputException tooFewQuotes) {
            return null;
        }
    }

    /**
     * {@code x} to {@link #SIGNIFICANT_DIGITS} significant digits. Model outputs (IV, Greeks) carry far less real
     * precision than a double's 17 digits; rounding them at this edge halves the size of every stored, cached and
     * published chain (the reference rounds Greeks to 4 decimals, too coarse for gammas of index options).
     */
    static double significant(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int exponent = (int) Math.floor(Math.log10(Math.abs(x)));
        double scale = Math.pow(10, SIGNIFICANT_DIGITS - 1 - exponent);
        double rounded = Math.rint(x * scale) / scale;
        return Double.isFinite(rounded) ? rounded : x;
    }

    /** Significant digits kept of IVs and Greeks. */
    static final int SIGNIFICANT_DIGITS = 6;

    /** Python's {@code round(x, n)} (half-even on the exact binary value), as the reference rounds PCR and straddle. */
    static double round(double x, int places) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }
}
