package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Cache;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The pulse read once per chain, against the plain route (decode the cached chain, read it) as the oracle. */
class LatestPulsesTest {
    private final Cache cache = Buses.open(BusConfig.DEFAULTS).cache();
    private final LatestPulses pulses = new LatestPulses(cache, Clock.systemUTC());

    private void cacheChain(EnrichedChain chain) {
        cache.apply(new Effects()
                .set(CacheKeys.latestChain("NIFTY", chain.expiry()), WireCodec.encode(chain), CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.expiriesIndex("NIFTY"), chain.expiry().toString(), System.currentTimeMillis()));
    }

    private static MarketPulse oracle(EnrichedChain chain) throws Exception {
        return MarketPulse.of(WireCodec.decodeEnrichedChain(WireCodec.encode(chain)));
    }

    @Test
    void aChainIsReadOnceAndANewChainIsReadAgain() throws Exception {
        assertThat(pulses.of("NIFTY")).isEmpty();
        EnrichedChain bullish = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        cacheChain(bullish);
        MarketPulse first = pulses.of("NIFTY").orElseThrow();
        assertThat(first).isEqualTo(oracle(bullish));
        assertThat(pulses.of("NIFTY")).containsSame(first);

        EnrichedChain bearish = MarketPulseTest.chain(0.7, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        cacheChain(bearish);
        MarketPulse second = pulses.of("NIFTY").orElseThrow();
        assertThat(second).isEqualTo(oracle(bearish)).isNotEqualTo(first);
        assertThat(second.sentiment()).isEqualTo("Bearish");
        assertThat(pulses.of("BANKNIFTY")).isEmpty();
    }

    @Test
    void aMalformedNearestChainIsSkippedForTheNextExpiry() throws Exception {
        EnrichedChain chain = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        cacheChain(chain);
        cache.apply(new Effects()
                .set(CacheKeys.latestChain("NIFTY", chain.expiry().minusDays(1)), "{not a chain", CacheKeys.LATEST_TTL)
                .indexPut(CacheKeys.expiriesIndex("NIFTY"), chain.expiry().minusDays(1).toString(),
                        System.currentTimeMillis()));
        assertThat(pulses.of("NIFTY")).contains(oracle(chain));
    }
}
