package io.deltastream.market.live;

import io.deltastream.bus.Payload;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.MalformedMessageException;
import io.deltastream.market.wire.Traced;
import io.deltastream.market.wire.WireCodec;
import java.util.Objects;

/**
 * An enriched chain as the worker publishes it on {@code enriched:option_chain} and caches it as
 * {@code latest:chain:*}, encoded at most once for all of them. {@link #json()} is the chain's JSON (the reference's
 * shape: the cached value and the socket {@code chain_update} payload), made when first needed and then shared; the
 * published text is that JSON with the trace context added ({@link WireCodec#withTraceparent}). In-process
 * subscribers get this object itself; over Redis they get the text, which {@link #read} turns back into one.
 *
 * @param chain       the enriched chain
 * @param json        {@code chain}'s JSON
 * @param traceparent the trace the socket gateways continue, null when none
 */
public record PublishedChain(EnrichedChain chain, Payload json, String traceparent) {
    public PublishedChain {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(json, "json");
    }

    /** {@code chain} to publish, its JSON not encoded yet. */
    public static PublishedChain of(EnrichedChain chain, String traceparent) {
        return new PublishedChain(chain, Payload.of(chain, WireCodec::encode), traceparent);
    }

    /** The body to publish: this object, with the published text made from {@link #json()} only when asked for. */
    public Payload body() {
        return Payload.of(this, PublishedChain::text);
    }

    /** The published text: the JSON with the trace context, if any. */
    public String text() {
        return traceparent == null ? json.text() : WireCodec.withTraceparent(json.text(), traceparent);
    }

    /** The published chain in {@code body}: the object itself in-process, decoded from the text from Redis. */
    public static PublishedChain read(Payload body) throws MalformedMessageException {
        return body.as(PublishedChain.class, text -> {
            Traced<EnrichedChain> t = WireCodec.decodeTracedEnrichedChain(text);
            return of(t.message(), t.traceparent());
        });
    }
}
