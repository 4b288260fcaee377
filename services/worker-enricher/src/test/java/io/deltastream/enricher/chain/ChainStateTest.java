package io.deltastream.enricher.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.enricher.TestChains;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.OptionChain;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChainStateTest {
    @Test
    void theStateKeepsTimeStrikesOpenInterestAndLastPrices() {
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        Instant t = Instant.parse("2026-11-25T05:00:00.123456Z");
        LocalDate expiry = LocalDate.parse("2026-12-29");
        OptionChain c = TestChains.chain(nifty, 21_500, expiry, t, 21, TestChains.smile(21_500, 0.14, 0.2),
                (i, call) -> call ? 1_000 + i : 2_000 + i);
        String text = ChainState.encode(c);
        assertThat(ChainState.time(text)).contains(t);
        OptionChain back = ChainState.decode("NIFTY", expiry, 21_500, text).orElseThrow();
        assertThat(back.timestamp()).isEqualTo(t);
        assertThat(back.strikes()).isEqualTo(c.strikes());
        for (int i = 0; i < 21; i++) {
            assertThat(back.calls().get(i).openInterest()).isEqualTo(1_000 + i);
            assertThat(back.puts().get(i).openInterest()).isEqualTo(2_000 + i);
            assertThat(back.calls().get(i).last()).isEqualTo(c.calls().get(i).last());
            assertThat(back.puts().get(i).symbol()).isEqualTo(c.puts().get(i).symbol());
        }
        assertThat(ChainState.decode("NIFTY", expiry, 21_500, "{\"timestamp\": 1}")).isEmpty();
        assertThat(ChainState.time("nonsense")).isEmpty();
    }
}
