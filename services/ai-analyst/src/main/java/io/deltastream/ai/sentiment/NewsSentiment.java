package io.deltastream.ai.sentiment;

import io.deltastream.ai.sentiment.HeadlineClassifier.Label;
import io.deltastream.ai.sentiment.HeadlineClassifier.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The headlines seen so far, each scored once by the offline {@link HeadlineScorer}, and each product's sentiment from
 * them: the average of its headlines' scores weighted by recency — a headline counts half as much every
 * {@code halfLife} — with market-wide headlines at half weight, so the score stays in [-1, 1]. A headline is kept
 * once: by id, and by its text (the same story from two feeds).
 *
 * <p>With a language model configured ({@code modelScoring}), each new headline is scored by the offline scorer at
 * once and also queued for the model, whose score replaces the offline one when it comes ({@link #pendingForModel},
 * {@link #scoredByModel}); a headline the model could not score keeps the offline scorer's.
 */
public final class NewsSentiment {
    /** How many headlines an answer shows: those that moved the score most. */
    static final int DRIVERS = 5;
    /** |score| at or above which the product reads Bullish or Bearish. */
    static final double DIRECTION = 0.15;

    /** @param classifier the offline scorer's {@link HeadlineScorer#name() name} or {@code model} */
    private record Scored(Headline headline, Reading reading, String classifier) {
    }

    static final String MODEL = "model";

    private final HeadlineScorer classifier;
    private final Duration halfLife;
    private final Clock clock;
    private final Map<String, Scored> byId = new ConcurrentHashMap<>();
    private final Set<String> texts = ConcurrentHashMap.newKeySet();
    private final boolean modelScoring;
    private final Queue<Headline> forModel = new ConcurrentLinkedQueue<>();

    /** @param modelScoring whether new headlines are also queued for the language model */
    public NewsSentiment(HeadlineScorer classifier, Duration halfLife, Clock clock, boolean modelScoring) {
        this.classifier = classifier;
        this.halfLife = halfLife;
        this.clock = clock;
        this.modelScoring = modelScoring;
    }

    /** Up to {@code max} headlines waiting for the model, taken off the queue, oldest first. */
    public List<Headline> pendingForModel(int max) {
        List<Headline> out = new ArrayList<>();
        for (Headline h; out.size() < max && (h = forModel.poll()) != null; ) {
            out.add(h);
        }
        return out;
    }

    /** The model's score in [-1, 1] of {@code h} (a kept headline), which replaces the offline scorer's. */
    public void scoredByModel(Headline h, double score) {
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("a score is in [-1, 1], got " + score);
        }
        byId.computeIfPresent(h.id(), (id, old) -> new Scored(old.headline(), Reading.of(score), MODEL));
    }

    /**
     * Scores {@code h} by the offline scorer and keeps it, queued for the model too when model scoring is on and
     * {@code forModel}; false when it was already kept (same id or same text).
     */
    public boolean add(Headline h, boolean forModel) {
        String text = h.headline().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (byId.containsKey(h.id()) || !texts.add(text)) {
            return false;
        }
        byId.put(h.id(), new Scored(h, classifier.read(h.headline()), classifier.name()));
        if (modelScoring && forModel) {
            this.forModel.add(h);
        }
        return true;
    }

    public int size() {
        return byId.size();
    }

    /**
     * {@code product}'s sentiment now: {@code sentiment} (Bullish, Bearish or Neutral, the reference's field),
     * {@code score} in [-1, 1], {@code counts} of its headlines by class, {@code headlines} (the reference's list of
     * texts: those that moved the score most) and {@code drivers} (the same with their score, time, source and weight).
     */
    public Map<String, Object> summary(String product) {
        Instant now = clock.instant();
        double weighted = 0;
        double weights = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Label l : Label.values()) {
            counts.put(l.wire(), 0);
        }
        List<Map.Entry<Scored, Double>> contributions = new ArrayList<>();
        Set<String> classifiers = new TreeSet<>();
        for (Scored s : byId.values()) {
            boolean own = s.headline().product().equals(product);
            if (!own && !s.headline().product().equals(Headline.MARKET)) {
                continue;
            }
            double ageHours = Math.max(0, Duration.between(s.headline().published(), now).toMillis() / 3.6e6);
            double weight = (own ? 1 : 0.5) * Math.pow(0.5, ageHours / (halfLife.toMillis() / 3.6e6));
            weighted += weight * s.reading().score();
            weights += weight;
            counts.merge(s.reading().label().wire(), 1, Integer::sum);
            classifiers.add(s.classifier());
            contributions.add(Map.entry(s, weight));
        }
        double score = weights == 0 ? 0 : weighted / weights;
        contributions.sort(Comparator.comparingDouble((Map.Entry<Scored, Double> e) ->
                Math.abs(e.getValue() * e.getKey().reading().score())).reversed());
        List<String> texts = new ArrayList<>();
        List<Map<String, Object>> drivers = new ArrayList<>();
        for (Map.Entry<Scored, Double> e : contributions.subList(0, Math.min(DRIVERS, contributions.size()))) {
            Headline h = e.getKey().headline();
            texts.add(h.headline());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("headline", h.headline());
            d.put("product", h.product());
            d.put("published", h.published().toString());
            d.put("source", h.source());
            d.put("score", round(e.getKey().reading().score()));
            d.put("label", e.getKey().reading().label().wire());
            d.put("weight", round(e.getValue()));
            d.put("classifier", e.getKey().classifier());
            drivers.add(d);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        body.put("sentiment", score >= DIRECTION ? "Bullish" : score <= -DIRECTION ? "Bearish" : "Neutral");
        body.put("score", round(score));
        body.put("counts", counts);
        body.put("headlines", texts);
        body.put("drivers", drivers);
        body.put("as_of", now.toString());
        body.put("half_life_hours", halfLife.toMillis() / 3.6e6);
        body.put("classifier", classifiers.isEmpty() ? classifier.name() : String.join(" and ", classifiers));
        return body;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
