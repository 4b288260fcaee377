package io.deltastream.bench.quant;

import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.AndersenLakeOffengelden.Accuracy;
import io.deltastream.quant.pricing.OptionType;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The accuracy table of {@code docs/performance.md} for Andersen–Lake–Offengelden: per seed, 2000 random options
 * (calls and puts alternating, T 0.02–5 years, vol 1–150%, r and q in [-1%, 10%] outside the double-boundary regime,
 * strikes within +-1.5 standard deviations of spot 100) priced at each setting and at the converged one, (48, 16, 96,
 * 128). The error is relative, with 1e-8 K as the floor where the price is tiny: |price - converged| / max(converged,
 * 1e-2 K) against the 1e-6 target. Run: {@code java -cp bench/target/benchmarks.jar
 * io.deltastream.bench.quant.AmericanAccuracy} (a few seconds).
 */
public final class AmericanAccuracy {

    private static final int OPTIONS = 2000;
    private static final long[] SEEDS = {7, 11, 13};
    private static final Accuracy CONVERGED = Accuracy.of(48, 16, 96, 128);

    private AmericanAccuracy() {
    }

    public static void main(String[] args) {
        for (long seed : SEEDS) {
            Option[] options = options(seed);
            double[] converged = new double[OPTIONS];
            for (int i = 0; i < OPTIONS; i++) {
                converged[i] = options[i].price(CONVERGED);
            }
            report(seed, "STANDARD", Accuracy.STANDARD, options, converged);
            report(seed, "FAST", Accuracy.FAST, options, converged);
            report(seed, "HIGH", Accuracy.HIGH, options, converged);
        }
    }

    private static void report(long seed, String name, Accuracy accuracy, Option[] options, double[] converged) {
        double[] errors = new double[OPTIONS];
        int worst = 0;
        for (int i = 0; i < OPTIONS; i++) {
            errors[i] = Math.abs(options[i].price(accuracy) - converged[i]) / Math.max(converged[i], 1e-2 * options[i].k);
            if (errors[i] > errors[worst]) {
                worst = i;
            }
        }
        Option worstOption = options[worst];
        double worstError = errors[worst];
        long aboveTarget = Arrays.stream(errors).filter(e -> e > 1e-6).count();
        Arrays.sort(errors);
        System.out.printf("seed %d %-8s median %.1e  p90 %.1e  p99 %.1e  worst %.1e  above 1e-6: %d  (worst: %s)%n",
                seed, name, errors[OPTIONS / 2], errors[OPTIONS * 9 / 10], errors[OPTIONS * 99 / 100], worstError,
                aboveTarget, worstOption);
    }

    private static Option[] options(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Option[] options = new Option[OPTIONS];
        for (int i = 0; i < OPTIONS; i++) {
            OptionType type = i % 2 == 0 ? OptionType.CALL : OptionType.PUT;
            double r;
            double q;
            do {
                r = -0.01 + random.nextDouble() * 0.11;
                q = -0.01 + random.nextDouble() * 0.11;
            } while (type == OptionType.PUT ? AndersenLakeOffengelden.doubleBoundary(r, q)
                    : AndersenLakeOffengelden.doubleBoundary(q, r));
            double vol = 0.01 + random.nextDouble() * 1.49;
            double t = 0.02 + random.nextDouble() * 4.98;
            double k = 100 * Math.exp(vol * Math.sqrt(t) * (random.nextDouble() * 3 - 1.5));
            options[i] = new Option(type, k, t, r, q, vol);
        }
        return options;
    }

    /** One random option at spot 100. */
    private record Option(OptionType type, double k, double t, double r, double q, double vol) {
        double price(Accuracy accuracy) {
            return AndersenLakeOffengelden.price(type, 100, k, t, r, q, vol, accuracy);
        }
    }
}
