package io.deltastream.bench.ai;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.deltastream.ai.model.LanguageModel;
import io.deltastream.ai.model.ModelSettings;
import io.deltastream.ai.sentiment.EmbeddingHeadlineClassifier;
import io.deltastream.ai.sentiment.HeadlineClassifier;
import io.deltastream.ai.sentiment.HeadlineScorer;
import io.deltastream.ai.sentiment.LabelledHeadlines;
import io.deltastream.ai.sentiment.LabelledHeadlines.Labelled;
import io.deltastream.ai.sentiment.ModelHeadlineScoring;
import io.deltastream.platform.config.Env;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./deltastream bench ai-sentiment}: accuracy and macro-F1 of the headline sentiment classifiers on the held-out
 * half of the team's labelled headlines (and on the training half, to show how much each fitted what it saw): the
 * lexicon, the logistic regression on all-MiniLM-L6-v2 embeddings, and — when {@code LLM_PROVIDER} and the other
 * {@code LLM_*} variables name a model, exactly as the ai-analyst reads them — that model, prompted as the service
 * prompts it ({@link ModelHeadlineScoring#evaluate}).
 */
public final class SentimentEval {
    private SentimentEval() {
    }

    public static void main(String[] args) throws Exception {
        List<Labelled> held = LabelledHeadlines.heldOutHalf();
        List<Labelled> training = LabelledHeadlines.trainingHalf();
        System.out.printf(Locale.ROOT, "labelled headlines: %d held out (odd lines), %d for training (even lines)%n",
                held.size(), training.size());
        print("lexicon", new HeadlineClassifier(), held, training);
        long start = System.nanoTime();
        HeadlineScorer embeddings = new EmbeddingHeadlineClassifier(new AllMiniLmL6V2EmbeddingModel(), training);
        System.out.printf(Locale.ROOT, "(embedding classifier trained in %d ms, model load included)%n",
                (System.nanoTime() - start) / 1_000_000);
        print("embeddings", embeddings, held, training);
        ModelSettings settings = ModelSettings.from(Env.system());
        if (!settings.enabled()) {
            System.out.println("language model: none configured (set LLM_PROVIDER, LLM_MODEL, ... as for the "
                    + "ai-analyst to score it too)");
            return;
        }
        try {
            LabelledHeadlines.Scores model = ModelHeadlineScoring.evaluate(LanguageModel.of(settings), held);
            System.out.printf(Locale.ROOT, "%-11s held out: %s (%s)%n", "model", model, settings);
        } catch (LanguageModel.ModelFailure e) {
            System.out.println("language model " + settings + " could not be scored: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void print(String name, HeadlineScorer scorer, List<Labelled> held, List<Labelled> training) {
        System.out.printf(Locale.ROOT, "%-11s held out: %s | training half: %s%n", name,
                LabelledHeadlines.score(scorer, held), LabelledHeadlines.score(scorer, training));
    }
}
