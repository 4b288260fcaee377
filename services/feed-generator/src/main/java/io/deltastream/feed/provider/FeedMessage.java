package io.deltastream.feed.provider;

import io.deltastream.bus.Payload;
import io.deltastream.bus.WorkMessage;
import io.deltastream.market.channel.MarketQueues;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireCodec;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of the raw feed.
 *
 * @param queue      the work queue it goes to ({@code market:underlying}, {@code market:option_chain},
 *                   {@code market:option_quote})
 * @param body       the wire JSON, or the object it encodes (encoded only if something needs the text)
 * @param time       the market time of the message (its {@code timestamp}); replay paces by it
 * @param snapshotOf for a chain, {@code product:expiry}: the chain is the whole current state of that key, so a
 *                   newer one may replace it while it waits (see {@link WorkMessage#snapshotOf()}); null otherwise
 */
public record FeedMessage(String queue, Payload body, Instant time, String snapshotOf) {
    public FeedMessage {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(body, "payload");
        Objects.requireNonNull(time, "time");
    }

    /** A message given as wire JSON (a recording's line). */
    public FeedMessage(String queue, String payload, Instant time) {
        this(queue, Payload.text(payload), time, null);
    }

    public static FeedMessage of(UnderlyingTick tick) {
        return new FeedMessage(MarketQueues.UNDERLYING, Payload.of(tick, WireCodec::encode), tick.timestamp(), null);
    }

    public static FeedMessage of(OptionQuote quote) {
        return new FeedMessage(MarketQueues.OPTION_QUOTE, Payload.of(quote, WireCodec::encode), quote.timestamp(), null);
    }

    public static FeedMessage of(OptionChain chain) {
        return new FeedMessage(MarketQueues.OPTION_CHAIN, Payload.of(chain, WireCodec::encode), chain.timestamp(),
                chain.product() + ":" + chain.expiry());
    }

    /** The wire JSON (encoded now if the body is an object). */
    public String payload() {
        return body.text();
    }

    /** The work message with id {@code id} that carries this (in the trace open on this thread, if any). */
    public WorkMessage message(String id) {
        WorkMessage m = new WorkMessage(id, body);
        return snapshotOf == null ? m : m.asSnapshotOf(snapshotOf);
    }
}
