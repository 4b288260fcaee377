package io.deltastream.ai.sentiment;

import io.deltastream.ai.model.LanguageModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the headlines waiting for the language model, {@value #BATCH} to a prompt, and tells {@code onChange} which
 * products' sentiment moved. A batch the model fails to score (timeout, error, a reply that is not exactly the JSON
 * array asked for) keeps the offline scorer's scores: the feature never waits on the model.
 */
public final class ModelHeadlineScoring {
    /** Headlines per prompt: enough to amortise the instructions, few enough for a small model's context. */
    static final int BATCH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ModelHeadlineScoring.class);

    private final NewsSentiment news;
    private final LanguageModel model;
    private final List<String> products;
    private final Consumer<Set<String>> onChange;

    public ModelHeadlineScoring(NewsSentiment news, LanguageModel model, List<String> products,
                                Consumer<Set<String>> onChange) {
        this.news = news;
        this.model = model;
        this.products = List.copyOf(products);
        this.onChange = onChange;
    }

    /**
     * How {@code model} does on {@code set}: its headlines scored {@value #BATCH} to a prompt exactly as the service
     * scores news, each score read by the lexicon's neutral band ({@link HeadlineClassifier.Reading#of}); the first
     * batch the model fails to score fails the whole evaluation.
     */
    public static LabelledHeadlines.Scores evaluate(LanguageModel model, List<LabelledHeadlines.Labelled> set)
            throws LanguageModel.ModelFailure {
        List<HeadlineClassifier.Label> predicted = new ArrayList<>(set.size());
        for (int from = 0; from < set.size(); from += BATCH) {
            List<String> batch = set.subList(from, Math.min(set.size(), from + BATCH)).stream()
                    .map(LabelledHeadlines.Labelled::headline).toList();
            for (double score : model.scoreHeadlines(batch)) {
                predicted.add(HeadlineClassifier.Reading.of(score).label());
            }
        }
        return LabelledHeadlines.score(set, predicted);
    }

    /** Scores every waiting headline, batch by batch, on the calling thread. */
    public void scorePending() {
        Set<String> changed = new LinkedHashSet<>();
        for (List<Headline> batch; !(batch = news.pendingForModel(BATCH)).isEmpty(); ) {
            try {
                List<Double> scores = model.scoreHeadlines(batch.stream().map(Headline::headline).toList());
                for (int i = 0; i < batch.size(); i++) {
                    news.scoredByModel(batch.get(i), scores.get(i));
                    NewsPoller.affected(batch.get(i), products, changed);
                }
            } catch (LanguageModel.ModelFailure e) {
                LOG.warn("{} headlines keep the offline scores: {}", batch.size(), e.getMessage());
            }
        }
        if (!changed.isEmpty()) {
            onChange.accept(changed);
        }
    }
}
