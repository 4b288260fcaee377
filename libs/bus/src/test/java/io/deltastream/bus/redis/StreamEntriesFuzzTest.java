package io.deltastream.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.DeadLetter;
import io.deltastream.bus.Delivery;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stream entries of any shape, as another process with access to Redis could write them: decoding never throws, and
 * an entry is either a well-formed delivery or one already rejected (dead-lettered at once, never retried).
 */
class StreamEntriesFuzzTest {
    @Property(tries = 500)
    void anyWorkEntryIsDeliveredOrRejectedNeverThrown(@ForAll("entries") Map<String, String> body) {
        Delivery d = StreamEntries.delivery("market:option_chain", "1-0", body);
        assertThat(d.receipt()).isEqualTo("1-0");
        if (d.outcome() == Delivery.Outcome.ACK) {
            assertThat(d.messageId()).isEqualTo(body.get(StreamEntries.ID));
            assertThat(d.payload()).isEqualTo(body.get(StreamEntries.PAYLOAD));
            assertThat(d.attempt()).isPositive().isEqualTo(Integer.parseInt(body.get(StreamEntries.ATTEMPT)));
        } else {
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.REJECT);
            assertThat(d.error()).startsWith("malformed queue entry 1-0");
            assertThat(d.attempt()).isPositive();
        }
    }

    @Property(tries = 300)
    void anyDeadLetterEntryIsReadable(@ForAll("entries") Map<String, String> body) {
        DeadLetter l = StreamEntries.deadLetter("2-0", body);
        assertThat(l.entryId()).isEqualTo("2-0");
        assertThat(l.failedAt()).isNotNull();
    }

    @Property(tries = 5)
    void noFieldsAtAllIsRejected(@ForAll("nothing") Map<String, String> body) {
        assertThat(StreamEntries.delivery("q", "3-0", body).outcome()).isEqualTo(Delivery.Outcome.REJECT);
        assertThat(StreamEntries.deadLetter("3-0", body).attempts()).isZero();
    }

    @Provide
    Arbitrary<Map<String, String>> nothing() {
        return Arbitraries.just(null);
    }

    @Provide
    Arbitrary<Map<String, String>> entries() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(StreamEntries.ID, StreamEntries.PAYLOAD,
                StreamEntries.ATTEMPT, "attempts", "failed_at", "message_id", "queue", "error"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.integers().map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", "0", "-1", "1", "2147483648", "1e3", " 1", "2026-11-23T10:05:00Z",
                        "+999999999-12-31T23:59:59Z", "2026-13-45T99:99:99Z", "{\"type\":\"underlying\"}"));
        return Arbitraries.maps(keys, values).ofMaxSize(8).map(HashMap::new);
    }
}
