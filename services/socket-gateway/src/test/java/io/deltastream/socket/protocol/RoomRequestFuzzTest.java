package io.deltastream.socket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.JsonMutations;
import java.io.IOException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The payloads of {@code subscribe}/{@code unsubscribe} as a client may send them: any JSON value, or a mutation of a
 * valid request. The parser answers a room or a reason, never an exception (which would reach netty-socketio's I/O
 * thread).
 */
class RoomRequestFuzzTest {
    private static final Set<String> PRODUCTS = Set.of("NIFTY", "BANKNIFTY");

    @Property(tries = 400)
    void anyPayloadIsARoomOrAReason(@ForAll("payloads") JsonNode payload) {
        RoomRequest.Result r = RoomRequest.parse(payload, PRODUCTS::contains);
        if (r instanceof RoomRequest.Valid valid) {
            assertThat(valid.room().name()).isNotEmpty();
            assertThat(payload.get("symbol").asText()).hasSizeLessThanOrEqualTo(RoomRequest.MAX_SYMBOL_LENGTH);
        } else {
            assertThat(((RoomRequest.Invalid) r).reason()).isNotBlank().hasSizeLessThan(300);
        }
    }

    @Provide
    Arbitrary<JsonNode> payloads() {
        String valid = "{\"type\":\"chain\",\"symbol\":\"NIFTY\"}";
        return Arbitraries.randoms().map(random -> {
            if (random.nextInt(3) == 0) {
                return JsonMutations.randomValue(random, 3);
            }
            try {
                return Json.tree(JsonMutations.mutate(valid, random));
            } catch (IOException notJson) {
                return null; // what netty-socketio hands over for an event without arguments
            }
        });
    }
}
