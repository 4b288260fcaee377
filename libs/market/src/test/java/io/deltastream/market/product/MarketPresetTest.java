package io.deltastream.market.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketPresetTest {
    /** A Wednesday morning in Mumbai, away from any expiry day. */
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T05:00:00Z");

    @Test
    void nseFoHasFiveIndicesOfFourExpiriesAnd185StocksOfThree() {
        ProductUniverse u = ProductUniverse.from(Env.of(Map.of("FEED_PRESET", "nse-fo")));
        List<Product> products = u.products();
        assertThat(products).hasSize(190);
        List<Product> indices = products.subList(0, 5);
        List<Product> stocks = products.subList(5, 190);
        assertThat(indices).extracting(Product::name)
                .containsExactly("NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY", "NIFTYNXT50");
        assertThat(stocks).extracting(Product::name).startsWith("STK001").endsWith("STK185").doesNotHaveDuplicates();
        int chains = 0;
        int quotes = 0;
        for (Product p : products) {
            int expiries = ExpiryCalendar.upcoming(p, WEDNESDAY).size();
            int strikes = MarketPreset.NSE_FO.strikesPerChain(p);
            assertThat(expiries).as(p.name()).isEqualTo(indices.contains(p) ? 4 : 3);
            assertThat(strikes).as(p.name()).isEqualTo(indices.contains(p) ? 101 : 41);
            assertThat(p.strikeGrid(p.basePrice(), strikes)).as(p.name()).hasSize(strikes);
            chains += expiries;
            quotes += expiries * strikes * 2;
        }
        assertThat(chains).isEqualTo(575);
        assertThat(quotes).isEqualTo(49_550);
    }

    @Test
    void stocksHaveExchangeLikeIntervalsAndLotsAndTheSameDrawEveryTime() {
        List<Product> stocks = MarketPreset.NSE_FO.universe().products().subList(5, 190);
        assertThat(stocks).allSatisfy(p -> {
            assertThat(p.basePrice()).isBetween(100.0, 10_000.0);
            assertThat(p.strikeInterval() / p.basePrice()).isBetween(0.004, 0.025);
            assertThat(p.lotSize() * p.basePrice()).isBetween(300_000.0, 1_600_000.0);
            assertThat(p.volatility()).isBetween(0.2, 0.45);
        });
        assertThat(MarketPreset.NSE_FO.universe().products()).isEqualTo(MarketPreset.NSE_FO.universe().products());
    }

    @Test
    void anUnknownPresetOrAPresetWithAFileIsRefusedNamingTheVariables() {
        assertThatThrownBy(() -> ProductUniverse.from(Env.of(Map.of("FEED_PRESET", "nasdaq"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("FEED_PRESET must be one of nse-fo, got 'nasdaq'");
        assertThatThrownBy(() -> ProductUniverse.from(Env.of(Map.of("FEED_PRESET", "nse-fo",
                "PRODUCTS_FILE", "/tmp/p.json"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("set PRODUCTS_FILE or FEED_PRESET, not both");
        assertThat(ProductUniverse.from(Env.of(Map.of("FEED_PRESET", "NSE-FO"))).names()).hasSize(190);
    }
}
