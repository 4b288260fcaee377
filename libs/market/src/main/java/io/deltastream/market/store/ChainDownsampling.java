package io.deltastream.market.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.store.CollectionSpec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Documents;
import io.deltastream.store.Filter;
import io.deltastream.store.Order;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The middle tier of {@code option_chains} retention: every snapshot is kept while younger than the full-resolution
 * window ({@code CHAIN_FULL_RESOLUTION_MINUTES}), then only the earliest of each product, expiry and UTC minute, until
 * {@code CHAIN_RETENTION_DAYS} deletes it (and candles keep the price history longer).
 *
 * <p>Minutes are processed in order and the last one done is saved in {@code chain_tiers}, so a restart resumes
 * where it stopped and a pass over done minutes costs nothing. A pass is a series of small indexed deletes, one per
 * chain and minute, so writers are never held for long. Several workers may run it at once: the earliest snapshot is
 * the same for each of them, so their deletes agree.
 */
public final class ChainDownsampling {
    /** Where the progress is saved: one document per downsampled collection. */
    public static final CollectionSpec STATE = CollectionSpec.builder("chain_tiers").build();
    private static final String DONE_UNTIL = "done_until";
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** The store keeps times to the millisecond: the next possible time after a snapshot's. */
    private static final Duration RESOLUTION = Duration.ofMillis(1);

    private final DocumentCollection chains;
    private final DocumentCollection state;
    private final Duration fullResolution;

    /**
     * @param chains         the {@code option_chains} collection
     * @param state          the {@link #STATE} collection of the same store
     * @param fullResolution how long every snapshot is kept (at least one minute)
     */
    public ChainDownsampling(DocumentCollection chains, DocumentCollection state, Duration fullResolution) {
        if (fullResolution.compareTo(MINUTE) < 0) {
            throw new IllegalArgumentException("the full-resolution window must be at least a minute");
        }
        this.chains = chains;
        this.state = state;
        this.fullResolution = fullResolution;
    }

    /**
     * Keeps only the earliest snapshot per chain in each whole minute that ended before {@code now} minus the
     * full-resolution window.
     *
     * @return the number of snapshots deleted
     */
    public long downsample(Instant now) {
        Instant cutoff = now.minus(fullResolution).truncatedTo(ChronoUnit.MINUTES);
        Optional<Instant> next = doneUntil().or(this::oldestMinute);
        long deleted = 0;
        while (next.isPresent() && next.get().isBefore(cutoff)) {
            Instant minute = next.get();
            deleted += downsampleMinute(minute, minute.plus(MINUTE).minus(RESOLUTION));
            saveDoneUntil(minute.plus(MINUTE));
            // Skip the empty minutes (nights, weekends) in one query.
            next = chains.findOne(Filter.all().from(minute.plus(MINUTE)).to(cutoff.minus(RESOLUTION)), Order.OLDEST_FIRST)
                    .map(d -> WireTime.parse(d.path("timestamp").asText()).truncatedTo(ChronoUnit.MINUTES));
            if (next.isEmpty()) {
                saveDoneUntil(cutoff);
            }
        }
        return deleted;
    }

    private long downsampleMinute(Instant from, Instant to) {
        long deleted = 0;
        for (Object product : chains.distinct("product", Filter.all().from(from).to(to))) {
            Filter ofProduct = Filter.eq("product", product);
            for (Object expiry : chains.distinct("expiry", ofProduct.from(from).to(to))) {
                Filter chain = ofProduct.and("expiry", expiry);
                Optional<ObjectNode> kept = chains.findOne(chain.from(from).to(to), Order.OLDEST_FIRST);
                if (kept.isPresent()) {
                    Instant keptAt = WireTime.parse(kept.get().path("timestamp").asText());
                    deleted += chains.delete(chain.from(keptAt.plus(RESOLUTION)).to(to));
                }
            }
        }
        return deleted;
    }

    private Optional<Instant> doneUntil() {
        return state.findById(MarketCollections.OPTION_CHAINS).map(d -> WireTime.parse(d.path(DONE_UNTIL).asText()));
    }

    private Optional<Instant> oldestMinute() {
        return chains.findOne(Filter.all(), Order.OLDEST_FIRST)
                .map(d -> WireTime.parse(d.path("timestamp").asText()).truncatedTo(ChronoUnit.MINUTES));
    }

    private void saveDoneUntil(Instant t) {
        ObjectNode d = Json.object();
        d.put(Documents.ID, MarketCollections.OPTION_CHAINS);
        d.put(DONE_UNTIL, WireTime.format(t));
        if (!state.replace(MarketCollections.OPTION_CHAINS, d)) {
            state.insertAllNew(List.of(d));
        }
    }
}
