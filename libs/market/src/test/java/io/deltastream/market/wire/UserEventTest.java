package io.deltastream.market.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserEventTest {
    @Test
    void roundTrips() throws Exception {
        UserEvent e = new UserEvent("u1", UserEvent.TRADE, Json.object().put("trade_id", "T1").put("price", 101.5),
                Instant.parse("2026-11-23T10:00:00.123Z"));
        UserEvent back = UserEvent.decode(e.encode());
        assertThat(back.userId()).isEqualTo("u1");
        assertThat(back.event()).isEqualTo("trade");
        assertThat(back.data().get("price").doubleValue()).isEqualTo(101.5);
        assertThat(back.timestamp()).isEqualTo(e.timestamp());
    }

    @Test
    void malformedEventsNameTheProblem() {
        assertThatThrownBy(() -> UserEvent.decode("nope")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> UserEvent.decode("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> UserEvent.decode("{\"user_id\":\"u\",\"event\":\"hack\",\"data\":{},"
                + "\"timestamp\":\"2026-11-23T10:00:00Z\"}")).hasMessageContaining("event must be one of");
        assertThatThrownBy(() -> UserEvent.decode("{\"user_id\":\"\",\"event\":\"trade\",\"data\":{},"
                + "\"timestamp\":\"2026-11-23T10:00:00Z\"}")).hasMessageContaining("user_id");
        assertThatThrownBy(() -> UserEvent.decode("{\"user_id\":\"u\",\"event\":\"trade\",\"data\":[],"
                + "\"timestamp\":\"2026-11-23T10:00:00Z\"}")).hasMessageContaining("data");
        assertThatThrownBy(() -> new UserEvent("u", "nope", Json.object(), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
