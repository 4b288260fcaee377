package io.deltastream.market.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireSamples;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StoredQuoteTest {
    private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 31);

    /** Quotes with ordinary and awkward numbers: NaN, infinities, -0.0, full-precision doubles, huge counts. */
    private static OptionQuote randomQuote(SplittableRandom r, int n) {
        double strike = 100 + 50 * r.nextInt(400);
        OptionType type = r.nextBoolean() ? OptionType.CALL : OptionType.PUT;
        double[] v = new double[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (r.nextInt(12)) {
                case 0 -> Double.NaN;
                case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> -0.0;
                case 3 -> r.nextDouble();
                case 4 -> Math.rint(r.nextDouble() * 1e6) / 1e6;
                default -> Math.rint(r.nextDouble() * 40_000) * 0.05;
            };
        }
        // The wire's precision: microseconds.
        Instant t = Instant.parse("2026-12-07T03:45:00Z").plusNanos(r.nextLong(60_000_000_000L)).plusSeconds(n)
                .truncatedTo(ChronoUnit.MICROS);
        return new OptionQuote(OptionSymbol.format("STK" + n % 9, EXPIRY, type, strike), "STK" + n % 9, strike, EXPIRY,
                type, v[0], v[1], v[2], r.nextLong(Long.MAX_VALUE), r.nextInt(1_000_000), v[3], v[4], v[5], v[6],
                v[7], t);
    }

    @Test
    void everyFieldComesBackExactlyWithTheProcessingTimeToTheNanosecond() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n = 0; n < 500; n++) {
            OptionQuote q = randomQuote(r, n);
            Instant processed = q.timestamp().plusNanos(r.nextLong(2_000_000_000L));
            ObjectNode doc = StoredQuote.toDocument("q-" + n, q, processed);
            assertThat(StoredQuote.fromDocument(doc)).isEqualTo(q);
            assertThat(StoredQuote.processedAt(doc)).isEqualTo(processed);
        }
    }

    @Test
    void theDocumentIsTheSymbolTheTimeAndAFewBytes() {
        OptionQuote q = WireSamples.quote(OptionType.CALL, 21500, 101.05, 101.6, 1200, 45_000);
        ObjectNode doc = StoredQuote.toDocument("NIFTY20261126C21500:29480123", q, WireSamples.T.plusMillis(3));
        assertThat(doc.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("_id", "symbol", "timestamp", "q");
        assertThat(doc.get("q").isBinary()).isTrue();
        int bytes = ((BinaryNode) doc.get("q")).binaryValue().length;
        assertThat(bytes).isLessThan(48);
        assertThat(bytes + Json.string(doc.deepCopy().without("q")).length())
                .isLessThan(Json.string(previousVersion("x", q, WireSamples.T)).length() * 6 / 10);
    }

    /** The document as the previous version wrote it: every field as JSON. */
    private static ObjectNode previousVersion(String id, OptionQuote q, Instant processedAt) {
        ObjectNode d = Json.object();
        d.put("_id", id);
        d.put("symbol", q.symbol());
        d.put("product", q.product());
        d.put("expiry", q.expiry().toString());
        d.put("timestamp", WireTime.format(q.timestamp()));
        d.put("processed_at", WireTime.format(processedAt));
        d.put("bid", q.bid());
        d.put("ask", q.ask());
        d.put("last", q.last());
        d.put("volume", q.volume());
        d.put("open_interest", q.openInterest());
        d.put("delta", q.delta());
        d.put("gamma", q.gamma());
        d.putNull("vega");
        d.put("theta", q.theta());
        d.put("iv", q.iv());
        return d;
    }

    @Test
    void documentsOfThePreviousVersionAreStillRead() {
        OptionQuote q = WireSamples.quote(OptionType.PUT, 21550, 10.05, 10.4, 12, 3400);
        ObjectNode old = previousVersion("old-1", q, WireSamples.T.plusMillis(7));
        OptionQuote back = StoredQuote.fromDocument(old);
        assertThat(back.vega()).isNaN();
        assertThat(back).usingRecursiveComparison().ignoringFields("vega").isEqualTo(q);
        assertThat(StoredQuote.processedAt(old)).isEqualTo(WireSamples.T.plusMillis(7));
    }

    @Test
    void damagedBytesAreAClearErrorNamingTheDocument() {
        OptionQuote q = WireSamples.quote(OptionType.CALL, 21500, 101.05, 101.6, 1200, 45_000);
        ObjectNode doc = StoredQuote.toDocument("q-9", q, WireSamples.T);
        byte[] good = ((BinaryNode) doc.get("q")).binaryValue();
        for (int at = 0; at < good.length; at++) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            doc.set("q", doc.binaryNode(bad));
            assertThatThrownBy(() -> StoredQuote.fromDocument(doc)).as("byte %d", at)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("corrupt option_quotes document q-9: CRC mismatch");
        }
        doc.set("q", doc.binaryNode(java.util.Arrays.copyOf(good, 3)));
        assertThatThrownBy(() -> StoredQuote.processedAt(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("corrupt option_quotes document q-9: its bytes are shorter than a quote");
    }
}
