package io.deltastream.socket.stream;

import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.socket.delivery.Outgoing;
import io.deltastream.socket.protocol.Events;
import io.deltastream.socket.protocol.Payloads;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The server events made from enriched market data, each encoded once: {@code underlying_update} (the enriched
 * tick, always with its {@code product}), {@code chain_summary} and {@code chain_update} (the full enriched chain,
 * with {@code strikes}). All are latest-value messages keyed by product (and expiry), versioned by the data's time.
 */
public final class MarketMessages {
    private MarketMessages() {
    }

    public static Outgoing underlyingUpdate(EnrichedUnderlying u, long receivedNanos) {
        return Outgoing.latest(Events.UNDERLYING_UPDATE, WireCodec.encode(u), "u|" + u.product(),
                micros(u.timestamp()), receivedNanos);
    }

    public static Outgoing chainSummary(EnrichedChain c, long receivedNanos) {
        return Outgoing.latest(Events.CHAIN_SUMMARY, Payloads.chainSummary(c), "s|" + c.product() + "|" + c.expiry(),
                micros(c.timestamp()), receivedNanos);
    }

    /** @param json {@code c}'s JSON ({@link WireCodec#encode(EnrichedChain)}), made once by the caller and shared */
    public static Outgoing chainUpdate(EnrichedChain c, String json, long receivedNanos) {
        return Outgoing.latest(Events.CHAIN_UPDATE, json, "c|" + c.product() + "|" + c.expiry(),
                micros(c.timestamp()), receivedNanos);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
