package io.deltastream.quant.chain;

import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.volatility.AmericanImpliedVolSolver;
import io.deltastream.quant.volatility.ImpliedVol;
import io.deltastream.quant.volatility.ImpliedVolSolver;
import io.deltastream.quant.volatility.ImpliedVolStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * One call that enriches a chain snapshot: implied volatility of every call and put, Greeks, the OTM smile, PCR, max
 * pain, ATM straddle and expected moves, OI change against the previous snapshot, support and resistance. This is
 * what the worker-enricher calls per chain (the build-up reading is the wire's {@code Buildup}). Stateless and
 * thread-safe.
 */
public final class ChainAnalyzer {

    private static final ImpliedVol NO_QUOTE = new ImpliedVol(Double.NaN, ImpliedVolStatus.NO_QUOTE, 0);

    private ChainAnalyzer() {
    }

    /** Enrichment without a previous snapshot: OI changes are 0. */
    public static ChainAnalysis analyze(ChainInputs chain) {
        return analyze(chain, null);
    }

    /**
     * @param previous the previous snapshot of the same expiry, or null; strikes are matched by value, a strike new
     *                 in this snapshot counts its whole OI as change
     */
    public static ChainAnalysis analyze(ChainInputs chain, ChainInputs previous) {
        List<ChainRow> rows = chain.rows();
        int n = rows.size();
        double forward = chain.forward();
        double discount = chain.discountFactor();
        List<StrikeAnalytics> strikes = new ArrayList<>(n);
        long totalCallOi = 0;
        long totalPutOi = 0;
        long callOiOtm = 0;
        long putOiOtm = 0;
        long callVolume = 0;
        long putVolume = 0;
        long totalCallOiChange = 0;
        long totalPutOiChange = 0;
        long maxCallOi = 0;
        long maxPutOi = 0;
        double support = Double.NaN;
        double resistance = Double.NaN;
        List<ChainRow> previousRows = previous == null ? List.of() : previous.rows();
        int p = 0;
        for (ChainRow row : rows) {
            double k = row.strike();
            ChainQuote call = row.call();
            ChainQuote put = row.put();
            totalCallOi += call.openInterest();
            totalPutOi += put.openInterest();
            callVolume += call.volume();
            putVolume += put.volume();
            if (k > chain.spot()) {
                callOiOtm += call.openInterest();
            }
            if (k < chain.spot()) {
                putOiOtm += put.openInterest();
            }
            if (call.openInterest() > maxCallOi) {
                maxCallOi = call.openInterest();
                resistance = k;
            }
            if (put.openInterest() > maxPutOi) {
                maxPutOi = put.openInterest();
                support = k;
            }

            while (p < previousRows.size() && previousRows.get(p).strike() < k) {
                p++;
            }
            ChainRow before = previous != null && p < previousRows.size() && previousRows.get(p).strike() == k
                    ? previousRows.get(p) : null;
            long callOiChange = previous == null ? 0 : call.openInterest() - (before == null ? 0 : before.call().openInterest());
            long putOiChange = previous == null ? 0 : put.openInterest() - (before == null ? 0 : before.put().openInterest());
            totalCallOiChange += callOiChange;
            totalPutOiChange += putOiChange;

            ImpliedVol callIv = impliedVol(chain, OptionType.CALL, k, call);
            ImpliedVol putIv = impliedVol(chain, OptionType.PUT, k, put);
            ImpliedVol outOfTheMoney = k < forward ? putIv : callIv;
            ImpliedVol inTheMoney = k < forward ? callIv : putIv;
            double smileIv = outOfTheMoney.isOk() ? outOfTheMoney.volatility()
                    : inTheMoney.isOk() ? inTheMoney.volatility() : Double.NaN;
            Greeks callGreeks = greeks(chain, OptionType.CALL, k, callIv.isOk() ? callIv.volatility() : smileIv);
            Greeks putGreeks = greeks(chain, OptionType.PUT, k, putIv.isOk() ? putIv.volatility() : smileIv);
            strikes.add(new StrikeAnalytics(k, callIv, putIv, smileIv, callGreeks, putGreeks, callOiChange,
                    putOiChange));
        }

        int atm = AtmStrike.nearestIndex(rows, forward);
        double atmStrike = atm < 0 ? Double.NaN : rows.get(atm).strike();
        double atmIv = atm < 0 ? Double.NaN : strikes.get(atm).smileIv();
        double straddle = 0;
        if (atm >= 0 && rows.get(atm).call().hasPrice() && rows.get(atm).put().hasPrice()) {
            straddle = rows.get(atm).call().price() + rows.get(atm).put().price();
        }
        return new ChainAnalysis(forward, atmStrike, atmIv, straddle, straddle / discount,
                forward * atmIv * Math.sqrt(chain.years()), PutCallRatio.ofTotals(totalPutOi, totalCallOi),
                PutCallRatio.ofTotals(putVolume, callVolume), MaxPain.strike(rows), totalCallOi, totalPutOi, callOiOtm,
                putOiOtm, totalCallOiChange, totalPutOiChange, support, resistance, strikes);
    }

    private static ImpliedVol impliedVol(ChainInputs chain, OptionType type, double strike, ChainQuote quote) {
        if (!quote.hasPrice()) {
            return NO_QUOTE;
        }
        if (chain.model().isAmerican()) {
            return AmericanImpliedVolSolver.solve(chain.model(), type, quote.price(), chain.spot(), strike,
                    chain.years(), chain.rate(), chain.dividendYield(), AmericanImpliedVolSolver.TICK);
        }
        return ImpliedVolSolver.black(type, quote.price(), chain.forward(), strike, chain.years(),
                chain.discountFactor());
    }

    private static Greeks greeks(ChainInputs chain, OptionType type, double strike, double volatility) {
        if (!(volatility > 0)) {
            return null;
        }
        return switch (chain.model()) {
            case BLACK_SCHOLES_MERTON -> BlackScholesMerton.greeks(type, chain.spot(), strike, chain.years(),
                    chain.rate(), chain.dividendYield(), volatility);
            case BLACK_76 -> Black76.greeks(type, chain.forward(), strike, chain.years(), chain.rate(), volatility);
            case BJERKSUND_STENSLAND_2002 -> BjerksundStensland2002.greeks(type, chain.spot(), strike, chain.years(),
                    chain.rate(), chain.dividendYield(), volatility);
            case ANDERSEN_LAKE_OFFENGELDEN -> AndersenLakeOffengelden.greeks(type, chain.spot(), strike,
                    chain.years(), chain.rate(), chain.dividendYield(), volatility);
        };
    }
}
