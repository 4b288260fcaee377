package io.deltastream.quant.chain;

import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.volatility.ImpliedVol;

/**
 * Everything derived for one strike of a chain.
 *
 * @param strike       the strike
 * @param callIv       implied volatility of the call's own price, with status
 * @param putIv        implied volatility of the put's own price, with status
 * @param smileIv      the smile's volatility at this strike from the out-of-the-money side (put below the forward,
 *                     call at or above it), falling back to the other side when that one has no volatility; NaN when
 *                     neither has
 * @param callGreeks   call value and Greeks at the call's own IV (the smile IV when the call has none); null when the
 *                     strike has no volatility at all
 * @param putGreeks    likewise for the put
 * @param callOiChange call open interest change since the previous snapshot (0 without one)
 * @param putOiChange  put open interest change since the previous snapshot
 */
public record StrikeAnalytics(double strike, ImpliedVol callIv, ImpliedVol putIv, double smileIv, Greeks callGreeks,
                              Greeks putGreeks, long callOiChange, long putOiChange) {
}
