package io.deltastream.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.deltastream.ai.retrieval.HybridRetriever.EmbeddingState;
import io.deltastream.ai.retrieval.HybridRetriever.Ranking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fusion by hand, the BM25 fallback, and the embeddings with the real in-process model and its cache. */
class HybridRetrieverTest {
    private static final List<Passage> CORPUS = MarkdownPassages.split("knowledge/theta.md", """
            # Theta: time decay

            Theta is how much an option's price falls per calendar day with everything else unchanged.

            ## Near expiry

            Time decay accelerates in the last days before expiry for at-the-money options.
            """);
    private static final List<Passage> MORE = MarkdownPassages.split("knowledge/margin.md", """
            # Margin for options

            Selling an option blocks margin: the broker holds cash against the worst loss of a price scan.
            """);

    private static Hit hit(String source) {
        return new Hit(new Passage(source, "", "", "", Map.of(), 0), 0);
    }

    @Test
    void theFusionAddsWeightedReciprocalRanksPerDocument() {
        List<Hit> bm25 = List.of(hit("a"), hit("b"), hit("a"), hit("c"));
        List<Hit> semantic = List.of(hit("c"), hit("a"));
        List<Hit> fused = HybridRetriever.fuse(List.of(bm25, semantic), new double[] {1, 0.5}, 3);
        // documents by rank: BM25 a=1, b=2, c=3 (a's second passage does not count); embeddings c=1, a=2
        assertThat(fused).extracting(h -> h.passage().source()).containsExactly("a", "c", "b");
        int k = HybridRetriever.RRF_K;
        assertThat(fused.get(0).score()).isCloseTo(1.0 / (k + 1) + 0.5 / (k + 2), within(1e-15));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / (k + 3) + 0.5 / (k + 1), within(1e-15));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / (k + 2), within(1e-15));
        // the document is represented by the passage the first ranking chose
        assertThat(fused.get(0).passage()).isSameAs(bm25.get(0).passage());
    }

    @Test
    void answersHoldOnePassagePerDocument() {
        assertThat(HybridRetriever.onePerDocument(List.of(hit("a"), hit("a"), hit("b"), hit("c")), 2))
                .extracting(h -> h.passage().source()).containsExactly("a", "b");
    }

    @Test
    void untilTheEmbeddingsAreReadySearchesUseBm25AndSaySo() {
        HybridRetriever r = new HybridRetriever(CORPUS);
        assertThat(r.embeddingState()).isEqualTo(EmbeddingState.BUILDING);
        HybridRetriever.Result result = r.search("time decay", 3, List.of());
        assertThat(result.ranking()).isEqualTo(Ranking.BM25);
        assertThat(result.hits()).singleElement().satisfies(h -> assertThat(h.passage().source())
                .isEqualTo("knowledge/theta.md"));
        assertThatThrownBy(() -> r.search("time decay", 3, Ranking.EMBEDDINGS, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the embeddings are building");
    }

    @Test
    void aModelThatCannotLoadLeavesTheRetrieverOnBm25() {
        HybridRetriever r = new HybridRetriever(CORPUS);
        r.buildEmbeddings(() -> {
            throw new UnsatisfiedLinkError("no onnxruntime for this platform");
        }, "broken", Optional.empty());
        assertThat(r.embeddingState()).isEqualTo(EmbeddingState.FAILED);
        assertThat(r.embeddingFailure()).contains(
                "java.lang.UnsatisfiedLinkError: no onnxruntime for this platform");
        assertThat(r.search("theta", 3, List.of()).ranking()).isEqualTo(Ranking.BM25);
        assertThat(r.embed("theta")).isEmpty();
    }

    @Test
    void anErrorWhileBuildingIsRecordedAsFailedBeforeItPropagates() {
        HybridRetriever r = new HybridRetriever(CORPUS);
        assertThat(r.embeddingFailure()).isEmpty();
        assertThatThrownBy(() -> r.buildEmbeddings(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, "broken", Optional.empty())).isInstanceOf(OutOfMemoryError.class);
        assertThat(r.embeddingState()).isEqualTo(EmbeddingState.FAILED);
        assertThat(r.embeddingFailure()).contains("java.lang.OutOfMemoryError: Java heap space");
        assertThat(r.search("theta", 3, List.of()).ranking()).isEqualTo(Ranking.BM25);
    }

    @Test
    void theRealModelRanksByMeaningAndItsVectorsAreCachedByCorpus(@TempDir Path dir) throws Exception {
        List<Passage> corpus = new java.util.ArrayList<>(CORPUS);
        corpus.addAll(MORE);
        EmbeddingCache cache = new EmbeddingCache(dir);
        HybridRetriever computed = new HybridRetriever(corpus);
        computed.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, "minilm", Optional.of(cache));
        assertThat(computed.embeddingState()).isEqualTo(EmbeddingState.READY);
        assertThat(computed.embeddingsFromCache()).isFalse();
        assertThat(Files.exists(cache.file(EmbeddingCache.key("minilm", corpus)))).isTrue();

        // no word in common with the margin passage but "option": the embedding finds it by meaning
        String question = "how much money is held when I write a contract";
        assertThat(computed.search(question, 1, Ranking.EMBEDDINGS, List.of())).singleElement()
                .satisfies(h -> assertThat(h.passage().source()).isEqualTo("knowledge/margin.md"));
        HybridRetriever.Result fused = computed.search(question, 3, List.of());
        assertThat(fused.ranking()).isEqualTo(Ranking.FUSION);
        assertThat(fused.hits()).extracting(h -> h.passage().source()).doesNotHaveDuplicates();

        HybridRetriever cached = new HybridRetriever(corpus);
        cached.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, "minilm", Optional.of(cache));
        assertThat(cached.embeddingsFromCache()).isTrue();
        List<Hit> a = computed.search(question, 3, Ranking.EMBEDDINGS, List.of());
        List<Hit> b = cached.search(question, 3, Ranking.EMBEDDINGS, List.of());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).passage()).isEqualTo(a.get(i).passage());
            assertThat(b.get(i).score()).isCloseTo(a.get(i).score(), within(1e-6));
        }

        // a live passage with an embedding joins the ranking by meaning too
        Passage live = Passage.of("live/NIFTY/2026-12-10", "Live market facts: NIFTY 2026-12-10", "",
                "NIFTY put-call ratio by open interest 1.12, max pain 24,400.00.");
        EmbeddedPassage embedded = new EmbeddedPassage(live, computed.embed(live.embeddingText()).orElseThrow());
        assertThat(computed.search("where is NIFTY max pain today", 1, Ranking.EMBEDDINGS, List.of(embedded)))
                .singleElement().satisfies(h -> assertThat(h.passage()).isSameAs(live));
    }

    @Test
    void aQuestionIsEmbeddedLowerCasedAndCutAndRepeatedQuestionsComeFromTheBoundedCache() {
        HybridRetriever r = new HybridRetriever(CORPUS, 2);
        r.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, "minilm", Optional.empty());
        float[] asked = r.embedQuestion("  What is  THETA? ");
        // the tokenizer is uncased: lower-casing the question changes nothing the model sees
        assertThat(asked).containsExactly(r.embed("What is THETA?").orElseThrow(), within(1e-6f));
        assertThat(r.embedQuestion("what is theta?")).isSameAs(asked);
        r.embedQuestion("what is gamma?");
        r.embedQuestion("what is vega?");
        // two kept: the least recently asked ("theta") was dropped, so it is embedded afresh
        assertThat(r.embedQuestion("what is theta?")).isNotSameAs(asked).containsExactly(asked, within(1e-6f));

        String longQuestion = "why ".repeat(400);
        assertThat(HybridRetriever.searchedText(longQuestion)).hasSize(HybridRetriever.QUERY_CHARS);
        assertThat(r.embedQuestion(longQuestion))
                .containsExactly(r.embed(longQuestion.substring(0, HybridRetriever.QUERY_CHARS)).orElseThrow(),
                        within(1e-6f));

        HybridRetriever uncached = new HybridRetriever(CORPUS, 0);
        uncached.buildEmbeddings(AllMiniLmL6V2EmbeddingModel::new, "minilm", Optional.empty());
        assertThat(uncached.embedQuestion("what is theta?")).isNotSameAs(uncached.embedQuestion("what is theta?"));
        assertThatThrownBy(() -> new HybridRetriever(CORPUS, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
