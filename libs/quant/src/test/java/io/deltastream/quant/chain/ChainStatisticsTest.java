package io.deltastream.quant.chain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ChainStatisticsTest {

    /**
     * The reference's calculate_max_pain, transcribed: separate call and put lists, candidates from the sorted strike
     * list, strict '<' so the first minimal strike wins.
     */
    private static double referenceMaxPain(List<double[]> calls, List<double[]> puts, List<Double> strikes) {
        double maxPainStrike = strikes.get(0);
        double minPain = Double.POSITIVE_INFINITY;
        for (double settlement : strikes) {
            double totalPain = 0;
            for (double[] call : calls) {
                if (settlement > call[0]) {
                    totalPain += call[1] * (settlement - call[0]);
                }
            }
            for (double[] put : puts) {
                if (settlement < put[0]) {
                    totalPain += put[1] * (put[0] - settlement);
                }
            }
            if (totalPain < minPain) {
                minPain = totalPain;
                maxPainStrike = settlement;
            }
        }
        return maxPainStrike;
    }

    private static List<ChainRow> randomChain(SplittableRandom random, int n, boolean sparse) {
        double interval = random.nextBoolean() ? 50 : 2.5;
        double first = interval * (10 + random.nextInt(400));
        List<ChainRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // small OI ranges and zeros make exact ties common
            long callOi = sparse ? random.nextInt(4) * 1000L : random.nextInt(1000, 100_001);
            long putOi = sparse ? random.nextInt(4) * 1000L : random.nextInt(1000, 100_001);
            rows.add(new ChainRow(first + i * interval,
                    new ChainQuote(Double.NaN, random.nextInt(100, 10_001), callOi),
                    new ChainQuote(Double.NaN, random.nextInt(100, 10_001), putOi)));
        }
        java.util.Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        return rows;
    }

    @Test
    void maxPainMatchesTheReferenceDefinitionAndTheBruteForceOnRandomChains() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(120);
            List<ChainRow> rows = randomChain(random, n, trial % 2 == 0);
            ChainInputs chain = ChainInputs.onSpot(1000, 0.1, 0.05, 0, rows);
            List<double[]> calls = new ArrayList<>();
            List<double[]> puts = new ArrayList<>();
            List<Double> strikes = new ArrayList<>();
            for (ChainRow row : rows) {
                calls.add(new double[]{row.strike(), row.call().openInterest()});
                puts.add(new double[]{row.strike(), row.put().openInterest()});
                strikes.add(row.strike());
            }
            strikes.sort(null);
            double expected = referenceMaxPain(calls, puts, strikes);
            assertThat(MaxPain.strike(chain.rows())).as("trial %d", trial).isEqualTo(expected);
            assertThat(MaxPain.bruteForce(chain.rows())).isEqualTo(expected);
        }
    }

    @Test
    void maxPainOfAllZeroOpenInterestIsTheFirstStrike() {
        List<ChainRow> rows = List.of(new ChainRow(110, ChainQuote.MISSING, ChainQuote.MISSING),
                new ChainRow(100, ChainQuote.MISSING, ChainQuote.MISSING));
        assertThat(MaxPain.strike(ChainInputs.onSpot(105, 1, 0, 0, rows).rows())).isEqualTo(100);
        assertThat(MaxPain.strike(List.of())).isNaN();
    }

    @Test
    void putCallRatiosFollowTheReferenceDefinition() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 500; trial++) {
            List<ChainRow> rows = randomChain(random, 1 + random.nextInt(50), trial % 3 == 0);
            long callOi = rows.stream().mapToLong(r -> r.call().openInterest()).sum();
            long putOi = rows.stream().mapToLong(r -> r.put().openInterest()).sum();
            long callVolume = rows.stream().mapToLong(r -> r.call().volume()).sum();
            long putVolume = rows.stream().mapToLong(r -> r.put().volume()).sum();
            assertThat(PutCallRatio.byOpenInterest(rows)).isEqualTo(callOi > 0 ? (double) putOi / callOi : 0);
            assertThat(PutCallRatio.byVolume(rows)).isEqualTo(callVolume > 0 ? (double) putVolume / callVolume : 0);
        }
        List<ChainRow> noCalls = List.of(new ChainRow(100, ChainQuote.MISSING, new ChainQuote(1, 5, 7)));
        assertThat(PutCallRatio.byOpenInterest(noCalls)).isZero();
        assertThat(PutCallRatio.byVolume(noCalls)).isZero();
    }

    @Test
    void atmStrikeIsTheNearestWithTiesToTheLowerStrike() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 2000; trial++) {
            List<ChainRow> rows = ChainInputs.onSpot(100, 1, 0, 0, randomChain(random, 1 + random.nextInt(40), false))
                    .rows();
            double low = rows.get(0).strike();
            double high = rows.get(rows.size() - 1).strike();
            double level = trial % 4 == 0
                    ? rows.get(random.nextInt(rows.size())).strike() + (rows.size() > 1 ? (rows.get(1).strike() - low) / 2 : 0)
                    : low - 100 + random.nextDouble() * (high - low + 200);
            // brute force: min |K - level|, first (lowest) on ties, as Python's min() over sorted strikes
            double expected = rows.get(0).strike();
            for (ChainRow row : rows) {
                if (Math.abs(row.strike() - level) < Math.abs(expected - level)) {
                    expected = row.strike();
                }
            }
            assertThat(AtmStrike.nearest(rows, level)).as("level %s", level).isEqualTo(expected);
        }
    }

    @Test
    void ivRankAndPercentile() {
        double[] history = {0.10, 0.12, 0.15, 0.20, 0.30};
        assertThat(IvStatistics.rank(0.20, history)).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(IvStatistics.rank(0.40, history)).isEqualTo(100);
        assertThat(IvStatistics.rank(0.05, history)).isEqualTo(0);
        assertThat(IvStatistics.percentile(0.20, history)).isEqualTo(60);
        assertThat(IvStatistics.percentile(0.10, history)).isEqualTo(0);
        assertThat(IvStatistics.rank(0.2, new double[0])).isZero();
        assertThat(IvStatistics.percentile(0.2, new double[0])).isZero();
        assertThat(IvStatistics.rank(0.2, new double[]{0.2, 0.2})).isZero();
    }
}
