package io.deltastream.market.wire;

import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.JsonMutations;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every decoder of the bus messages, fed random and mutated messages: each one is either decoded or refused with a
 * {@link MalformedMessageException} (which consumers dead-letter); no other exception may escape to the consumer.
 */
class WireDecodersFuzzTest {
    @FunctionalInterface
    private interface Decoder {
        Object decode(String text) throws MalformedMessageException;
    }

    private record Codec(String name, Decoder decoder, String valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Codec> CODECS = all();

    private static List<Codec> all() {
        EnrichedChain enriched = WireSamples.enriched();
        VolatilitySurface.Slice slice = VolatilitySurface.Slice.of(enriched);
        Map<String, Codec> c = new TreeMap<>();
        put(c, "tick", WireCodec::decodeTick, WireCodec.encode(new UnderlyingTick("NIFTY", 21503.1, WireSamples.T, 7)));
        put(c, "enriched underlying", WireCodec::decodeEnrichedUnderlying, WireCodec.encode(
                new EnrichedUnderlying("NIFTY", 21503.1, WireSamples.T, WireSamples.T.plusMillis(2))));
        put(c, "quote", WireCodec::decodeQuote, WireCodec.encode(WireSamples.quote(OptionType.CALL, 21500, 120, 121,
                1000, 50_000)));
        put(c, "chain", WireCodec::decodeChain, WireCodec.encode(WireSamples.chain()));
        put(c, "enriched chain", WireCodec::decodeEnrichedChain, WireCodec.encode(enriched));
        put(c, "candle", WireCodec::decodeCandle, WireCodec.encode(new Candle("NIFTY", 5, 21500, 21540, 21490, 21530,
                WireSamples.T, WireSamples.T.plusSeconds(300), 300)));
        put(c, "slice", WireCodec::decodeSlice, WireCodec.encode(slice));
        put(c, "surface", WireCodec::decodeSurface, WireCodec.encode(new VolatilitySurface("NIFTY", List.of(slice),
                WireSamples.T)));
        put(c, "user event", UserEvent::decode, new UserEvent("u1", UserEvent.TRADE, Json.object()
                .put("trade_id", "T1").put("price", 101.5), WireSamples.T).encode());
        return List.copyOf(c.values());
    }

    private static void put(Map<String, Codec> codecs, String name, Decoder decoder, String valid) {
        codecs.put(name, new Codec(name, decoder, valid));
    }

    private static void decodeOrRefuse(Codec codec, String text) {
        try {
            codec.decoder().decode(text);
        } catch (MalformedMessageException refused) {
            // the one allowed outcome besides a decoded message
        }
    }

    @Property(tries = 400)
    void mutatedMessagesAreDecodedOrRefused(@ForAll("mutated") Map.Entry<Codec, String> probe) {
        decodeOrRefuse(probe.getKey(), probe.getValue());
    }

    @Property(tries = 200)
    void arbitraryJsonAndTextAreRefused(@ForAll("codecs") Codec codec, @ForAll("garbage") String text) {
        decodeOrRefuse(codec, text);
    }

    @Property(tries = 20)
    void theSamplesThemselvesDecode(@ForAll("codecs") Codec codec) throws MalformedMessageException {
        codec.decoder().decode(codec.valid());
    }

    @Provide
    Arbitrary<Codec> codecs() {
        return Arbitraries.of(CODECS);
    }

    @Provide
    Arbitrary<Map.Entry<Codec, String>> mutated() {
        return Combinators.combine(codecs(), Arbitraries.randoms())
                .as((codec, random) -> Map.entry(codec, JsonMutations.mutate(codec.valid(), random)));
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.randoms().map(JsonMutations::randomText),
                Arbitraries.randoms().map(r -> JsonMutations.randomValue(r, 3).toString()),
                Arbitraries.strings().ofMaxLength(200));
    }
}
