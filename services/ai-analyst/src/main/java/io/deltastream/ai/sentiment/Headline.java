package io.deltastream.ai.sentiment;

import java.time.Instant;
import java.util.Objects;

/**
 * One news headline.
 *
 * @param id        unique within its feed (the sample's id, an RSS item's guid or link)
 * @param published when it was published
 * @param product   the listed product it concerns, or {@code MARKET} for market-wide news
 * @param source    where it comes from (a feed's title, {@code DeltaStream sample})
 */
public record Headline(String id, Instant published, String product, String source, String headline) {
    /** The product of market-wide news, which counts towards every product at half weight. */
    public static final String MARKET = "MARKET";

    public Headline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(headline, "headline");
    }
}
