package io.deltastream.quant.chain;

import java.util.List;

/**
 * The enrichment of one chain snapshot. Field names follow the reference's enriched chain where one exists.
 *
 * @param forward              forward used for IVs, ATM and the smile
 * @param atmStrike            listed strike nearest the forward (ties to the lower strike)
 * @param atmIv                smile IV at the ATM strike (NaN when unavailable)
 * @param atmStraddlePrice     ATM call price + ATM put price as quoted; 0 when either is missing (reference rule)
 * @param expectedMoveStraddle the straddle-implied move, atmStraddlePrice / discount factor = E|F_T - K_atm| under
 *                             the pricing measure, in price units
 * @param expectedMoveOneSigma one-standard-deviation move forward * atmIv * sqrt(T), in price units
 * @param pcrOi                put OI / call OI (0 when call OI is 0)
 * @param pcrVolume            put volume / call volume (0 when call volume is 0)
 * @param maxPainStrike        see {@link MaxPain}
 * @param totalCallOi          sum of call open interest
 * @param totalPutOi           sum of put open interest
 * @param callOiOtm            call OI at strikes above spot (the reference's call_buildup_otm)
 * @param putOiOtm             put OI at strikes below spot (the reference's put_buildup_otm)
 * @param totalCallOiChange    sum of call OI changes against the previous snapshot
 * @param totalPutOiChange     sum of put OI changes against the previous snapshot
 * @param supportStrike        strike with the highest put OI (lowest such strike on ties; NaN when all zero)
 * @param resistanceStrike     strike with the highest call OI (lowest such strike on ties; NaN when all zero)
 * @param strikes              per-strike analytics, ascending by strike
 */
public record ChainAnalysis(double forward, double atmStrike, double atmIv, double atmStraddlePrice,
                            double expectedMoveStraddle, double expectedMoveOneSigma, double pcrOi, double pcrVolume,
                            double maxPainStrike, long totalCallOi, long totalPutOi, long callOiOtm, long putOiOtm,
                            long totalCallOiChange, long totalPutOiChange, double supportStrike,
                            double resistanceStrike, List<StrikeAnalytics> strikes) {

    public ChainAnalysis {
        strikes = List.copyOf(strikes);
    }
}
