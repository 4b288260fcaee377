package io.deltastream.ai.sentiment;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every news source and keeps their new headlines; a source that fails (unreachable, not a feed) is logged and
 * skipped until the next poll, never stopping the others. After a poll that added headlines, tells
 * {@code onChange} which products' sentiment may have moved (all of them for market-wide news).
 */
public final class NewsPoller {
    private static final Logger LOG = LoggerFactory.getLogger(NewsPoller.class);

    private final List<NewsSource> sources;
    private final NewsSentiment news;
    private final List<String> products;
    private final Consumer<Set<String>> onChange;

    public NewsPoller(List<NewsSource> sources, NewsSentiment news, List<String> products,
                      Consumer<Set<String>> onChange) {
        this.sources = List.copyOf(sources);
        this.news = news;
        this.products = List.copyOf(products);
        this.onChange = onChange;
    }

    /** One round over every source. */
    public void pollOnce() {
        Set<String> changed = new LinkedHashSet<>();
        for (NewsSource source : sources) {
            if (!poll(source, changed)) {
                return;
            }
        }
        tell(changed);
    }

    /** Polls {@code source} alone (the sample, before the first round); tells {@code onChange} as a round does. */
    public void pollNow(NewsSource source) {
        Set<String> changed = new LinkedHashSet<>();
        poll(source, changed);
        tell(changed);
    }

    /**
     * Tells {@code onChange}; a failure there is logged and never thrown, because an exception would cancel the
     * scheduled polling for good.
     */
    private void tell(Set<String> changed) {
        if (changed.isEmpty()) {
            return;
        }
        try {
            onChange.accept(changed);
        } catch (RuntimeException e) {
            LOG.warn("news: updating the products {} after new headlines failed: {}", changed, e.toString());
        }
    }

    /** Adds to {@code changed} the products whose sentiment {@code h} moves: all of them for market-wide news. */
    static void affected(Headline h, List<String> products, Set<String> changed) {
        if (h.product().equals(Headline.MARKET)) {
            changed.addAll(products);
        } else {
            changed.add(h.product());
        }
    }

    /** Adds the source's new headlines, noting the products they concern; false when interrupted. */
    private boolean poll(NewsSource source, Set<String> changed) {
        try {
            for (Headline h : source.fetch()) {
                if (news.add(h, source.scoredByModel())) {
                    affected(h, products, changed);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("news source {} skipped this round: {}", source.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
