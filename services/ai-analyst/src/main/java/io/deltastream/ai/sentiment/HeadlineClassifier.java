package io.deltastream.ai.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A finance-aware lexicon classifier for one headline: words and phrases carry a polarity for a holder of the
 * product's equity exposure ("beats" +, "downgrade" −, "rate cut" +, "rate hike" −), a negator ("not", "fails to",
 * "no longer") flips the next polarity word within three words, an intensifier ("sharply", "record") or softener
 * ("slightly", "marginally") scales it without changing its sign, "despite ..." and "... but" weigh the clause that
 * drives the price more, and "than feared" turns a fall that is smaller than feared into good news. The score is the
 * weighted sum squashed into [-1, 1] by tanh; below {@value #NEUTRAL_BAND} in magnitude the headline is neutral.
 */
public final class HeadlineClassifier implements HeadlineScorer {
    /** |score| below this is neutral. */
    static final double NEUTRAL_BAND = 0.3;
    private static final int NEGATION_REACH = 4;

    /** A headline's reading. */
    public record Reading(double score, Label label) {
        /** The reading of {@code score} in [-1, 1], labelled by the classifier's neutral band. */
        public static Reading of(double score) {
            return new Reading(score, score >= NEUTRAL_BAND ? Label.POSITIVE
                    : score <= -NEUTRAL_BAND ? Label.NEGATIVE : Label.NEUTRAL);
        }
    }

    /** The three classes of the labelled set. */
    public enum Label {
        POSITIVE, NEGATIVE, NEUTRAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Multi-word expressions, read before single words (their words are then not read again). */
    private static final Map<String, Double> PHRASES = Map.ofEntries(
            Map.entry("rate cut", 1.5), Map.entry("rate cuts", 1.5), Map.entry("cuts rates", 1.5),
            Map.entry("cuts rate", 1.5), Map.entry("rate hike", -1.5), Map.entry("rate hikes", -1.5),
            Map.entry("hikes rates", -1.5), Map.entry("raises rates", -1.5), Map.entry("cuts guidance", -2.0),
            Map.entry("guidance cut", -2.0), Map.entry("lowers guidance", -2.0), Map.entry("raises guidance", 2.0),
            Map.entry("raises outlook", 2.0), Map.entry("cuts outlook", -2.0), Map.entry("price target cut", -1.5),
            Map.entry("in line", 0.0), Map.entry("better than expected", 2.0), Map.entry("worse than expected", -2.0),
            Map.entry("better than feared", 2.0), Map.entry("losses narrow", 1.5), Map.entry("loss narrows", 1.5),
            Map.entry("losses widen", -1.5), Map.entry("loss widens", -1.5), Map.entry("avoids default", 1.5),
            Map.entry("net buyers", 1.5), Map.entry("net sellers", -1.5), Map.entry("all-time high", 1.5),
            Map.entry("record high", 1.5), Map.entry("profit taking", -1.0), Map.entry("profit-taking", -1.0),
            Map.entry("ends higher", 1.5), Map.entry("ends lower", -1.5), Map.entry("closes higher", 1.5),
            Map.entry("closes lower", -1.5), Map.entry("capital gains", 0.0));

    private static final Map<String, Double> WORDS = Map.<String, Double>ofEntries(
            // prices moving
            Map.entry("jumps", 1.5), Map.entry("jump", 1.5), Map.entry("surges", 2.0), Map.entry("surge", 2.0),
            Map.entry("soars", 2.0), Map.entry("rallies", 1.5), Map.entry("rally", 1.5), Map.entry("climbs", 1.0),
            Map.entry("gains", 1.0), Map.entry("gain", 1.0), Map.entry("rises", 1.0), Map.entry("rise", 1.0),
            Map.entry("advances", 1.0), Map.entry("higher", 1.0), Map.entry("up", 0.5), Map.entry("rebounds", 1.5),
            Map.entry("recovers", 1.0), Map.entry("recover", 1.0), Map.entry("recovery", 1.0),
            Map.entry("falls", -1.0), Map.entry("fall", -1.0), Map.entry("drops", -1.0), Map.entry("drop", -1.0),
            Map.entry("declines", -1.0), Map.entry("decline", -1.0), Map.entry("slides", -1.0),
            Map.entry("slide", -1.0), Map.entry("slips", -1.0), Map.entry("slip", -1.0), Map.entry("lower", -1.0),
            Map.entry("down", -0.5), Map.entry("tumbles", -2.0), Map.entry("plunges", -2.0),
            Map.entry("plunge", -2.0), Map.entry("crashes", -2.0), Map.entry("sinks", -1.5), Map.entry("slumps", -1.5),
            Map.entry("tanks", -2.0), Map.entry("dips", -1.0), Map.entry("sell-off", -1.5),
            Map.entry("selloff", -1.5), Map.entry("dump", -1.5), Map.entry("dumps", -1.5),
            // results and analysts
            Map.entry("beats", 1.5), Map.entry("beat", 1.5), Map.entry("tops", 1.0), Map.entry("misses", -1.5),
            Map.entry("miss", -1.5), Map.entry("upgrade", 1.5), Map.entry("upgrades", 1.5),
            Map.entry("upgraded", 1.5), Map.entry("downgrade", -1.5), Map.entry("downgrades", -1.5),
            Map.entry("downgraded", -1.5), Map.entry("outperform", 1.0), Map.entry("underperform", -1.0),
            Map.entry("strong", 1.0), Map.entry("robust", 1.0), Map.entry("weak", -1.0), Map.entry("weaker", -1.0),
            Map.entry("stronger", 1.0), Map.entry("growth", 0.5), Map.entry("profit", 0.3),
            Map.entry("loss", -1.0), Map.entry("losses", -1.0), Map.entry("buyback", 1.5),
            Map.entry("dividend", 0.5), Map.entry("record", 1.0), Map.entry("boost", 1.0), Map.entry("boosts", 1.0),
            Map.entry("optimism", 1.0), Map.entry("upbeat", 1.0), Map.entry("bullish", 1.0),
            Map.entry("bearish", -1.0), Map.entry("pessimism", -1.0), Map.entry("fears", -1.0),
            Map.entry("concerns", -1.0), Map.entry("worries", -1.0), Map.entry("risk", -0.3),
            Map.entry("shrink", -1.0), Map.entry("shrinks", -1.0), Map.entry("squeeze", -1.0),
            Map.entry("pressure", -0.5), Map.entry("cut", -0.5), Map.entry("cuts", -0.5),
            Map.entry("expands", 1.0), Map.entry("improves", 1.0), Map.entry("improve", 1.0),
            Map.entry("approval", 1.0), Map.entry("approves", 1.0), Map.entry("wins", 1.0),
            // macro, money and regulation
            Map.entry("inflows", 1.0), Map.entry("inflow", 1.0), Map.entry("outflows", -1.0),
            Map.entry("outflow", -1.0), Map.entry("buying", 1.0), Map.entry("selling", -1.0),
            Map.entry("default", -2.0), Map.entry("defaults", -2.0), Map.entry("penalty", -1.5),
            Map.entry("fine", -1.0), Map.entry("fined", -1.5), Map.entry("probe", -1.0), Map.entry("curbs", -1.0),
            Map.entry("ban", -1.5), Map.entry("recall", -1.5), Map.entry("recalls", -1.5),
            Map.entry("lawsuit", -1.0), Map.entry("inflation", -0.5), Map.entry("slowdown", -1.0),
            Map.entry("recession", -1.5), Map.entry("stimulus", 1.0), Map.entry("easing", 0.5),
            Map.entry("volatile", -0.3), Map.entry("dent", -1.0), Map.entry("hurt", -1.0), Map.entry("hurts", -1.0),
            Map.entry("drag", -1.0), Map.entry("drags", -1.0), Map.entry("lifts", 1.0), Map.entry("lift", 1.0),
            Map.entry("supports", 0.5), Map.entry("tailwind", 1.0), Map.entry("headwind", -1.0),
            Map.entry("headwinds", -1.0), Map.entry("best", 1.5), Map.entry("worst", -1.5), Map.entry("slows", -1.0),
            Map.entry("slow", -1.0), Map.entry("better-than-expected", 2.0), Map.entry("worse-than-expected", -2.0),
            Map.entry("better-than-feared", 2.0), Map.entry("failure", -1.5), Map.entry("rattles", -1.5),
            Map.entry("antitrust", -1.0), Map.entry("overturn", 1.0), Map.entry("tariffs", -1.0),
            Map.entry("tariff", -1.0), Map.entry("tax", -0.5), Map.entry("accelerates", 0.5),
            Map.entry("eases", -0.5), Map.entry("ease", -0.5), Map.entry("cools", -0.5));

    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "without", "fails", "fail", "failed",
            "nor", "neither", "longer", "avoids", "avoid", "avoided", "averts", "averting", "averted", "end");
    /**
     * Costs and rates: a word saying they move reads the other way for equities ("inflation falls", "yields slide"
     * are good news; "oil rises", "claims rise" bad).
     */
    private static final Set<String> COSTS = Set.of("inflation", "yields", "yield", "oil", "crude", "claims", "costs",
            "cost", "prices", "rates", "unemployment", "vix", "volatility");
    /** A verb whose sign depends on what it acts on, within three words: guidance, rates, taxes, dividends. */
    private static final Map<String, Double> RAISES = Map.of("raises", 1.0, "lifts", 1.0, "hikes", 1.0,
            "increases", 1.0, "cuts", -1.0, "lowers", -1.0, "trims", -1.0, "slashes", -1.0, "reduces", -1.0);
    private static final Map<String, Double> RAISED_THINGS = Map.ofEntries(Map.entry("guidance", 2.0),
            Map.entry("outlook", 2.0), Map.entry("forecast", 2.0), Map.entry("dividend", 1.5),
            Map.entry("target", 1.0), Map.entry("rate", -1.5), Map.entry("rates", -1.5), Map.entry("tax", -1.5),
            Map.entry("taxes", -1.5), Map.entry("duty", -1.0));
    private static final Map<String, Double> SCALERS = Map.ofEntries(Map.entry("sharply", 1.5),
            Map.entry("strongly", 1.5), Map.entry("steeply", 1.5), Map.entry("biggest", 1.5), Map.entry("sharp", 1.5),
            Map.entry("heavy", 1.3), Map.entry("massive", 1.5), Map.entry("slightly", 0.7),
            Map.entry("marginally", 0.7), Map.entry("modestly", 0.7), Map.entry("mildly", 0.7),
            Map.entry("slight", 0.7), Map.entry("marginal", 0.7));
    /** What follows makes the rest of the clause a concession: it counts for little. */
    private static final Set<String> CONCESSIONS = Set.of("despite", "although", "though", "amid");
    /** What follows is what the headline is about: it counts for more. */
    private static final Set<String> PIVOTS = Set.of("but", "however", "yet");
    /** Scheduled or balanced news: pulls the reading towards neutral. */
    private static final Set<String> NEUTRAL_MARKERS = Set.of("unchanged", "flat", "mixed", "await", "awaits",
            "awaited", "ahead", "steady", "limited", "range-bound", "rangebound", "scheduled", "review");

    @Override
    public String name() {
        return "lexicon";
    }

    /** The reading of {@code headline}. */
    @Override
    public Reading read(String headline) {
        List<String> words = words(headline);
        double sum = 0;
        double clause = 1;
        int negateUntil = -1;
        double scale = 1;
        int lastPolar = -2;
        double lastContribution = 0;
        int neutralMarkers = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (CONCESSIONS.contains(w)) {
                clause = 0.3;
                continue;
            }
            if (PIVOTS.contains(w)) {
                sum *= 0.5;
                clause = 1.5;
                continue;
            }
            if (NEGATORS.contains(w)) {
                negateUntil = i + NEGATION_REACH;
                continue;
            }
            if (SCALERS.containsKey(w)) {
                if (lastPolar == i - 1) {
                    // "falls sharply": the adverb follows its verb
                    sum += lastContribution * (SCALERS.get(w) - 1);
                } else {
                    scale = SCALERS.get(w);
                }
                continue;
            }
            if (NEUTRAL_MARKERS.contains(w)) {
                neutralMarkers++;
                continue;
            }
            Double polarity = null;
            int consumed = 0;
            if (RAISES.containsKey(w)) {
                for (int j = i + 1; j < Math.min(words.size(), i + 4) && polarity == null; j++) {
                    Double thing = RAISED_THINGS.get(words.get(j));
                    if (thing != null) {
                        polarity = RAISES.get(w) * thing;
                        consumed = j - i;
                    }
                }
            }
            for (int n = 4; n >= 2 && polarity == null; n--) {
                if (i + n <= words.size()) {
                    Double p = PHRASES.get(String.join(" ", words.subList(i, i + n)));
                    if (p != null) {
                        polarity = p;
                        consumed = n - 1;
                    }
                }
            }
            if (polarity == null) {
                polarity = WORDS.get(w);
            }
            if (polarity == null) {
                continue;
            }
            if (i > 0 && COSTS.contains(words.get(i - 1)) && consumed == 0) {
                polarity = -polarity;
            }
            int feared = thanFeared(words, i + consumed + 1);
            if (feared > 0) {
                // "falls less than feared", "not as steep as feared": the news is that it is better than feared
                polarity = Math.abs(polarity);
                consumed = feared - i;
                negateUntil = -1;
            }
            if (i <= negateUntil) {
                polarity = -polarity;
                negateUntil = -1;
            }
            lastContribution = polarity * scale * clause;
            sum += lastContribution;
            scale = 1;
            i += consumed;
            lastPolar = i;
        }
        return Reading.of(Math.tanh(sum / 2) / (1 + neutralMarkers));
    }

    /**
     * The index of "feared" in "less than feared" / "as steep as feared" within the next words, or -1; another
     * polarity word on the way ends the search (the comparison belongs to that one).
     */
    private static int thanFeared(List<String> words, int from) {
        for (int j = from; j < Math.min(words.size(), from + 7) && !WORDS.containsKey(words.get(j)); j++) {
            if (words.get(j).equals("feared") && (words.get(j - 1).equals("than") || words.get(j - 1).equals("as"))) {
                return j;
            }
        }
        return -1;
    }

    static List<String> words(String headline) {
        List<String> out = new ArrayList<>();
        for (String w : headline.toLowerCase(Locale.ROOT).replace("'s", "").split("[^a-z0-9%-]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
