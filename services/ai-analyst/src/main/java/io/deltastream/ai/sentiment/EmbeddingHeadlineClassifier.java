package io.deltastream.ai.sentiment;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.deltastream.ai.retrieval.EmbeddingIndex;
import io.deltastream.ai.sentiment.HeadlineClassifier.Label;
import io.deltastream.ai.sentiment.HeadlineClassifier.Reading;
import io.deltastream.ai.sentiment.LabelledHeadlines.Labelled;
import java.util.ArrayList;
import java.util.List;

/**
 * A headline's sentiment by multinomial logistic regression on its all-MiniLM-L6-v2 sentence embedding (the model the
 * retrieval already ships), trained when constructed on labelled headlines — the service trains it on the training
 * half of the team's set ({@link LabelledHeadlines#trainingHalf()}), a few seconds of CPU at start-up, most of it
 * embedding the 92 headlines. Full-batch gradient descent from zero weights, so the same headlines give the same
 * classifier. The class is the most probable one; the score is P(positive) − P(negative), in [-1, 1].
 *
 * <p>The hyper-parameters ({@value #EPOCHS} epochs, step {@value #STEP}, L2 penalty {@value #L2}) were chosen by
 * two-fold cross-validation within the training half; the held-out half was not used to choose them.
 */
public final class EmbeddingHeadlineClassifier implements HeadlineScorer {
    static final int EPOCHS = 200;
    static final double STEP = 0.5;
    static final double L2 = 0.001;
    private static final Label[] CLASSES = Label.values();

    private final EmbeddingModel model;
    /** Per class: the weights of the embedding's dimensions, then the bias. */
    private final double[][] weights;

    /** Embeds {@code training} with {@code model} and fits the regression to it. */
    public EmbeddingHeadlineClassifier(EmbeddingModel model, List<Labelled> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training headlines");
        }
        this.model = model;
        List<float[]> x = new ArrayList<>(training.size());
        for (Labelled l : training) {
            x.add(embed(l.headline()));
        }
        int d = x.getFirst().length;
        weights = new double[CLASSES.length][d + 1];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[][] gradient = new double[CLASSES.length][d + 1];
            for (int i = 0; i < x.size(); i++) {
                double[] p = probabilities(x.get(i));
                for (int c = 0; c < CLASSES.length; c++) {
                    double error = p[c] - (training.get(i).label() == CLASSES[c] ? 1 : 0);
                    for (int j = 0; j < d; j++) {
                        gradient[c][j] += error * x.get(i)[j];
                    }
                    gradient[c][d] += error;
                }
            }
            for (int c = 0; c < CLASSES.length; c++) {
                for (int j = 0; j <= d; j++) {
                    // the bias is not penalised
                    double penalty = j < d ? L2 * weights[c][j] : 0;
                    weights[c][j] -= STEP * (gradient[c][j] / x.size() + penalty);
                }
            }
        }
    }

    @Override
    public Reading read(String headline) {
        double[] p = probabilities(embed(headline));
        int best = 0;
        for (int c = 1; c < CLASSES.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        double score = p[Label.POSITIVE.ordinal()] - p[Label.NEGATIVE.ordinal()];
        return new Reading(score, CLASSES[best]);
    }

    @Override
    public String name() {
        return "embeddings";
    }

    private float[] embed(String text) {
        return EmbeddingIndex.normalized(model.embed(text).content().vector());
    }

    /** The softmax of the classes' linear scores. */
    private double[] probabilities(float[] v) {
        int d = v.length;
        double[] z = new double[CLASSES.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES.length; c++) {
            z[c] = weights[c][d];
            for (int j = 0; j < d; j++) {
                z[c] += weights[c][j] * v[j];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < CLASSES.length; c++) {
            z[c] /= sum;
        }
        return z;
    }
}
