package io.deltastream.ai;

import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A written reading of one enriched chain, by fixed rules rather than a language model, so that every sentence can be
 * traced to a number in {@link #data()}.
 *
 * <p>Sentiment comes from the put-call ratio of open interest, read the way option desks usually read it: PCR(OI) of
 * at least {@value #BULLISH_PCR} means more puts than calls are written, and writers sell puts where they expect
 * support, so Bullish; at most {@value #BEARISH_PCR}, Bearish; Neutral between. Support and resistance are the strikes
 * with the most put and call open interest.
 *
 * @param sentiment {@code Bullish}, {@code Bearish} or {@code Neutral}
 * @param analysis  the reading, a few sentences
 * @param data      the figures it is based on, under the reference's names ({@code pcr}, {@code pcr_vol}) and the
 *                  dashboard's ({@code pcr_oi}, {@code max_pain_strike}, {@code atm_straddle_price}); prices in the
 *                  product's currency, IV as a fraction
 */
record MarketPulse(String sentiment, String analysis, Map<String, Object> data) {
    static final double BULLISH_PCR = 1.2;
    static final double BEARISH_PCR = 0.8;

    /** Read-only, in its order: one reading answers many requests ({@link LatestPulses}). */
    MarketPulse {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    static MarketPulse of(EnrichedChain c) {
        String sentiment = c.pcrOi() >= BULLISH_PCR ? "Bullish" : c.pcrOi() <= BEARISH_PCR ? "Bearish" : "Neutral";
        double support = mostOpenInterest(c.strikes(), c.puts());
        double resistance = mostOpenInterest(c.strikes(), c.calls());
        double straddlePercent = 100 * c.atmStraddlePrice() / c.spotPrice();

        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s, expiry %s, spot %,.2f. PCR(OI) %.2f and PCR(volume) %.2f: %s",
                c.product(), c.expiry(), c.spotPrice(), c.pcrOi(), c.pcrVolume(), sentiment));
        text.append(switch (sentiment) {
            case "Bullish" -> ", more puts than calls are open: writers sell puts where they expect support. ";
            case "Bearish" -> ", more calls than puts are open: writers sell calls where they expect a ceiling. ";
            default -> ", puts and calls are open in similar amounts. ";
        });
        double painGap = 100 * (c.maxPainStrike() - c.spotPrice()) / c.spotPrice();
        text.append(Math.abs(painGap) < 0.005
                ? String.format(Locale.ROOT, "Max pain %,.2f is at spot. ", c.maxPainStrike())
                : String.format(Locale.ROOT, "Max pain %,.2f is %.2f%% %s spot. ", c.maxPainStrike(),
                        Math.abs(painGap), painGap >= 0 ? "above" : "below"));
        text.append(String.format(Locale.ROOT, "The ATM straddle at %,.2f costs %,.2f, a move of about ±%.2f%% priced to "
                + "expiry", c.atmStrike(), c.atmStraddlePrice(), straddlePercent));
        text.append(Double.isNaN(c.atmIv()) ? ". "
                : String.format(Locale.ROOT, "; ATM IV %.1f%%. ", 100 * c.atmIv()));
        text.append(String.format(Locale.ROOT, "Most put open interest (support) at %,.2f, most call open interest "
                + "(resistance) at %,.2f.", support, resistance));

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pcr", c.pcrOi());
        data.put("pcr_vol", c.pcrVolume());
        data.put("pcr_oi", c.pcrOi());
        data.put("pcr_volume", c.pcrVolume());
        data.put("max_pain_strike", c.maxPainStrike());
        data.put("atm_strike", c.atmStrike());
        data.put("atm_straddle_price", c.atmStraddlePrice());
        data.put("atm_iv", Double.isNaN(c.atmIv()) ? null : c.atmIv());
        data.put("spot_price", c.spotPrice());
        data.put("expiry", c.expiry().toString());
        data.put("support", support);
        data.put("resistance", resistance);
        data.put("sentiment", sentiment);
        return new MarketPulse(sentiment, text.toString(), data);
    }

    /** The strike with the most open interest on one side; the lower strike on a tie. */
    static double mostOpenInterest(double[] strikes, List<EnrichedQuote> side) {
        int best = 0;
        for (int i = 1; i < strikes.length; i++) {
            if (side.get(i).quote().openInterest() > side.get(best).quote().openInterest()) {
                best = i;
            }
        }
        return strikes[best];
    }
}
