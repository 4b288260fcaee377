package io.deltastream.market.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireSamples;
import io.deltastream.platform.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChainBlobTest {
    private static final Instant T = Instant.parse("2026-11-25T05:00:00.123456789Z");

    /** The oracle: the plain JSON form the platform publishes, plus the instants to the nanosecond. */
    private static void assertSame(EnrichedChain back, EnrichedChain chain) {
        assertThat(WireCodec.encode(back)).isEqualTo(WireCodec.encode(chain));
        assertThat(back.timestamp()).isEqualTo(chain.timestamp());
        assertThat(back.processedAt()).isEqualTo(chain.processedAt());
        assertThat(back.calls().stream().map(q -> q.quote().timestamp()).toList())
                .isEqualTo(chain.calls().stream().map(q -> q.quote().timestamp()).toList());
        assertThat(back.strikes()).isEqualTo(chain.strikes());
        for (int i = 0; i < chain.strikes().length; i++) {
            EnrichedQuote a = chain.puts().get(i);
            EnrichedQuote b = back.puts().get(i);
            assertThat(Double.doubleToRawLongBits(b.quote().iv())).isEqualTo(Double.doubleToRawLongBits(a.quote().iv()));
            assertThat(Double.doubleToRawLongBits(b.rho())).isEqualTo(Double.doubleToRawLongBits(a.rho()));
        }
    }

    @Test
    void randomChainsComeBackExactlyThroughTheRowAndTheStoredDocument() {
        RandomChains chains = new RandomChains(42);
        SplittableRandom sizes = new SplittableRandom(7);
        for (int n = 0; n < 300; n++) {
            EnrichedChain chain = chains.next("STK" + n % 7, LocalDate.of(2026, 12, 29), T.plusSeconds(n),
                    5 + sizes.nextInt(120));
            assertSame(ChainBlob.decode(ChainBlob.encode(chain)), chain);
            assertSame(StoredChain.fromDocument(StoredChain.toDocument("run-" + n, chain)), chain);
        }
    }

    @Test
    void theDocumentKeepsThePcrFieldsPlainForHistoryReaders() {
        EnrichedChain chain = WireSamples.enriched();
        ObjectNode doc = StoredChain.toDocument("r-1", chain);
        assertThat(doc.path("pcr_oi").doubleValue()).isEqualTo(chain.pcrOi());
        assertThat(doc.path("pcr_volume").doubleValue()).isEqualTo(chain.pcrVolume());
        assertThat(doc.path("product").asText()).isEqualTo("NIFTY");
    }

    @Test
    void rowsOfTheEarlierColumnLayoutAreStillRead() {
        EnrichedChain chain = WireSamples.enriched();
        ObjectNode old = StoredChain.toColumnsDocument("old-1", chain);
        assertThat(old.path("layout").asText()).isEqualTo("columns/1");
        assertThat(WireCodec.encode(StoredChain.fromDocument(old))).isEqualTo(WireCodec.encode(chain));
    }

    @Test
    void aRowIsSeveralTimesSmallerThanTheColumnLayoutAndTheNestedJson() {
        EnrichedChain chain = new RandomChains(3).next("NIFTY", LocalDate.of(2026, 12, 29), T, 41);
        int nested = WireCodec.encode(chain).length();
        int columns = Json.string(StoredChain.toColumnsDocument("x", chain)).length();
        int row = Json.string(StoredChain.toDocument("x", chain)).length();
        assertThat(row).isLessThan(columns).isLessThan(nested / 2);
    }

    @Test
    void aDamagedRowIsAClearErrorNamingTheDocumentNeverAWrongChain() {
        EnrichedChain chain = new RandomChains(5).next("NIFTY", LocalDate.of(2026, 12, 29), T, 41);
        byte[] good = ChainBlob.encode(chain);
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 500; n++) {
            byte[] bad = good.clone();
            int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            assertThatThrownBy(() -> ChainBlob.decode(bad)).as("byte %d", at)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("corrupt chain row");
        }
        assertThatThrownBy(() -> ChainBlob.decode(Arrays.copyOf(good, good.length / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("corrupt chain row");
        assertThatThrownBy(() -> ChainBlob.decode(new byte[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the header");

        ObjectNode doc = StoredChain.toDocument("run-9", chain);
        assertThat(doc.get("blob").isBinary()).isTrue();
        doc.set("blob", doc.binaryNode(Arrays.copyOf(good, good.length - 1)));
        assertThatThrownBy(() -> StoredChain.fromDocument(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option_chains document run-9: corrupt chain row");
        // A row of the previous version: the same bytes as base64 text.
        doc.put("blob", Base64.getEncoder().encodeToString(Arrays.copyOf(good, good.length - 1)));
        assertThatThrownBy(() -> StoredChain.fromDocument(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("option_chains document run-9: corrupt chain row");
        doc.put("blob", "not base64 at all!");
        assertThatThrownBy(() -> StoredChain.fromDocument(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corrupt option_chains document run-9: the blob is neither bytes nor base64");
        doc.put("blob", Base64.getEncoder().encodeToString(good));
        assertSame(StoredChain.fromDocument(doc), chain);
        doc.remove("blob");
        assertThatThrownBy(() -> StoredChain.fromDocument(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks 'blob'").hasMessageContaining("run-9");
    }
}
