package io.deltastream.market.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An option chain with the enricher's analytics: published on {@code enriched:option_chain}, cached at
 * {@code latest:chain:{product}:{expiry}} and (compactly, see {@code StoredChain}) stored in {@code option_chains}.
 *
 * <p>Wire shape: the reference's fields in its order — {@code product, expiry, spot_price, strikes, pcr_oi,
 * pcr_volume, atm_strike, atm_straddle_price, max_pain_strike, total_call_oi, total_put_oi, call_buildup_otm,
 * put_buildup_otm, calls, puts, timestamp, processed_at} ({@code strikes} added, as the reference's clients expect)
 * — then {@code time_to_expiry, forward, atm_iv, iv_skew, expected_move, total_call_oi_change,
 * total_put_oi_change, smile}.
 *
 * @param spotPrice          underlying price, currency units
 * @param strikes            ascending, currency units
 * @param pcrOi              total put OI / total call OI (0 when there is no call OI)
 * @param pcrVolume          total put volume / total call volume (0 when there is no call volume)
 * @param atmStrike          strike nearest to spot (the lower on a tie)
 * @param atmStraddlePrice   ATM call last + ATM put last, currency units
 * @param maxPainStrike      settlement strike minimising the total intrinsic payout to option holders
 * @param callBuildupOtm     total OI of calls with strike above spot
 * @param putBuildupOtm      total OI of puts with strike below spot
 * @param processedAt        when the enricher finished with it
 * @param yearsToExpiry      ACT/365 years from the chain's time to the expiry time
 * @param forward            the forward price implied by rate and dividend yield, currency units
 * @param atmIv              at-the-money implied volatility (annualised fraction), NaN when unknown
 * @param ivSkew             25-delta put IV minus 25-delta call IV (fraction; positive when puts are dearer), NaN when
 *                           unknown
 * @param expectedMove       one standard deviation move to expiry implied by {@code atmIv}, currency units
 * @param totalCallOiChange  sum of call {@code oi_change}
 * @param totalPutOiChange   sum of put {@code oi_change}
 * @param smile              the SVI fit of this expiry, or null when it could not be fitted
 */
public record EnrichedChain(String product, LocalDate expiry, double spotPrice, double[] strikes, double pcrOi,
                            double pcrVolume, double atmStrike, double atmStraddlePrice, double maxPainStrike,
                            long totalCallOi, long totalPutOi, long callBuildupOtm, long putBuildupOtm,
                            List<EnrichedQuote> calls, List<EnrichedQuote> puts, Instant timestamp,
                            Instant processedAt, double yearsToExpiry, double forward, double atmIv, double ivSkew,
                            double expectedMove, long totalCallOiChange, long totalPutOiChange, SviParams smile) {
    public EnrichedChain {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(processedAt, "processedAt");
        calls = List.copyOf(calls);
        puts = List.copyOf(puts);
        if (calls.size() != strikes.length || puts.size() != strikes.length) {
            throw new IllegalArgumentException("an enriched chain needs one call and one put per strike");
        }
    }
}
