package io.deltastream.quant.volatility;

import io.deltastream.quant.candles.OhlcBar;

import java.util.List;

/**
 * Realised (historical) volatility of the last {@code sessions} daily bars by four estimators, annualised with
 * {@value #SESSIONS_PER_YEAR} sessions a year, as fractions (0.2 = 20%):
 * <ul>
 *   <li>close-to-close: sample standard deviation of log close-to-close returns;</li>
 *   <li>Parkinson (1980): from the high–low range, sigma^2 = sum ln(H/L)^2 / (4 n ln 2);</li>
 *   <li>Garman–Klass (1980): sigma^2 = (1/n) sum [ln(H/L)^2 / 2 - (2 ln 2 - 1) ln(C/O)^2];</li>
 *   <li>Yang–Zhang (2000): overnight variance + k open-to-close variance + (1 - k) Rogers–Satchell variance, with
 *       k = 0.34 / (1.34 + (n + 1)/(n - 1)); the only one of the four that is unbiased with opening jumps and drift.</li>
 * </ul>
 * Close-to-close and Yang–Zhang need the close before the first session, so {@code sessions + 1} bars are read.
 *
 * @param sessions       number of sessions the estimates cover
 * @param closeToClose   close-to-close estimate
 * @param parkinson      Parkinson estimate
 * @param garmanKlass    Garman–Klass estimate
 * @param yangZhang      Yang–Zhang estimate
 */
public record RealisedVolatility(int sessions, double closeToClose, double parkinson, double garmanKlass,
                                 double yangZhang) {

    /** Trading sessions per year used to annualise. */
    public static final int SESSIONS_PER_YEAR = 252;
    private static final double LN2 = Math.log(2);

    /**
     * The estimates over the last {@code sessions} of {@code bars}.
     *
     * @param bars     daily bars, oldest first, at least {@code sessions + 1}, every price &gt; 0 with low &lt;= open,
     *                 close &lt;= high
     * @param sessions 2 or more
     * @throws IllegalArgumentException when there are too few bars or a bar is not a valid OHLC
     */
    public static RealisedVolatility of(List<OhlcBar> bars, int sessions) {
        if (sessions < 2 || bars.size() < sessions + 1) {
            throw new IllegalArgumentException("need " + (sessions + 1) + " bars for " + sessions
                    + " sessions (at least 2), have " + bars.size());
        }
        int first = bars.size() - sessions;
        double returnSum = 0;
        double returnSquares = 0;
        double overnightSum = 0;
        double overnightSquares = 0;
        double intradaySum = 0;
        double intradaySquares = 0;
        double range = 0;
        double garmanKlass = 0;
        double rogersSatchell = 0;
        for (int i = first; i < bars.size(); i++) {
            OhlcBar bar = bars.get(i);
            validate(bar);
            double previousClose = bars.get(i - 1).close();
            double closeToClose = Math.log(bar.close() / previousClose);
            double overnight = Math.log(bar.open() / previousClose);
            double intraday = Math.log(bar.close() / bar.open());
            double highLow = Math.log(bar.high() / bar.low());
            returnSum += closeToClose;
            returnSquares += closeToClose * closeToClose;
            overnightSum += overnight;
            overnightSquares += overnight * overnight;
            intradaySum += intraday;
            intradaySquares += intraday * intraday;
            range += highLow * highLow;
            garmanKlass += 0.5 * highLow * highLow - (2 * LN2 - 1) * intraday * intraday;
            rogersSatchell += Math.log(bar.high() / bar.close()) * Math.log(bar.high() / bar.open())
                    + Math.log(bar.low() / bar.close()) * Math.log(bar.low() / bar.open());
        }
        int n = sessions;
        double closeVariance = sampleVariance(returnSum, returnSquares, n);
        double overnightVariance = sampleVariance(overnightSum, overnightSquares, n);
        double intradayVariance = sampleVariance(intradaySum, intradaySquares, n);
        double k = 0.34 / (1.34 + (n + 1.0) / (n - 1.0));
        double yangZhang = overnightVariance + k * intradayVariance + (1 - k) * rogersSatchell / n;
        return new RealisedVolatility(n, annualise(closeVariance), annualise(range / (4 * n * LN2)),
                annualise(garmanKlass / n), annualise(yangZhang));
    }

    private static void validate(OhlcBar bar) {
        if (!(bar.low() > 0) || !(bar.high() >= bar.low()) || !(bar.open() >= bar.low())
                || !(bar.open() <= bar.high()) || !(bar.close() >= bar.low()) || !(bar.close() <= bar.high())) {
            throw new IllegalArgumentException("not a valid OHLC bar: " + bar);
        }
    }

    private static double sampleVariance(double sum, double squares, int n) {
        double mean = sum / n;
        return Math.max((squares - n * mean * mean) / (n - 1), 0);
    }

    private static double annualise(double dailyVariance) {
        return Math.sqrt(SESSIONS_PER_YEAR * Math.max(dailyVariance, 0));
    }
}
