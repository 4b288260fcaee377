package io.deltastream.market.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductUniverseTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheReferenceEightWithTheirBasePricesAndIntervals() {
        ProductUniverse u = ProductUniverse.defaults();
        assertThat(u.names()).containsExactly("NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "AAPL", "TSLA", "SPY", "QQQ");
        assertThat(u.get("NIFTY").basePrice()).isEqualTo(21500);
        assertThat(u.get("NIFTY").strikeInterval()).isEqualTo(50);
        assertThat(u.get("BANKNIFTY").basePrice()).isEqualTo(45000);
        assertThat(u.get("FINNIFTY").strikeInterval()).isEqualTo(100);
        assertThat(u.get("SENSEX").basePrice()).isEqualTo(71000);
        assertThat(u.get("QQQ").basePrice()).isEqualTo(395);
        assertThat(u.get("AAPL").strikeInterval()).isEqualTo(5);
        assertThat(u.products()).filteredOn(p -> p.currency().equals("USD"))
                .allMatch(p -> p.exercise() == ExerciseStyle.AMERICAN).hasSize(4);
        assertThat(u.products()).filteredOn(p -> p.currency().equals("INR"))
                .allMatch(p -> p.exercise() == ExerciseStyle.EUROPEAN).hasSize(4);
    }

    @Test
    void aFileReplacesTheDefaultsAndErrorsNameTheVariable() throws Exception {
        Path good = dir.resolve("p.json");
        Files.writeString(good, """
                {"products": [{"name": "XYZ", "base_price": 100, "strike_interval": 2.5, "lot_size": 10,
                  "tick_size": 0.01, "currency": "USD", "exercise": "AMERICAN", "timezone": "America/New_York",
                  "expiry_time": "16:00", "rate": 0.04, "dividend_yield": 0, "volatility": 0.3,
                  "expiries": [{"cadence": "WEEKLY", "day": "FRIDAY", "week": 0, "count": 2}]}]}
                """);
        ProductUniverse u = ProductUniverse.from(Env.of(Map.of("PRODUCTS_FILE", good.toString())));
        assertThat(u.names()).containsExactly("XYZ");
        assertThat(u.get("XYZ").strikeGrid(101.2, 5)).containsExactly(95.0, 97.5, 100.0, 102.5, 105.0);

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(good).replace("\"lot_size\": 10", "\"lot_size\": 0"));
        assertThatThrownBy(() -> ProductUniverse.from(Env.of(Map.of("PRODUCTS_FILE", bad.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PRODUCTS_FILE").hasMessageContaining("lot_size");
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, Files.readString(good).replace("\"lot_size\"", "\"lotsize\""));
        assertThatThrownBy(() -> ProductUniverse.from(Env.of(Map.of("PRODUCTS_FILE", typo.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("products[0]").hasMessageContaining("lot");
        assertThatThrownBy(() -> ProductUniverse.from(Env.of(Map.of("PRODUCTS_FILE", dir.resolve("none").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PRODUCTS_FILE");
    }

    @Test
    void strikeGridRoundsHalfEvenLikeTheReferenceAndSkipsNonPositiveStrikes() {
        Product aapl = ProductUniverse.defaults().get("AAPL");
        // 2152.5 / 5 = 430.5 intervals: Python's round() gives 430, Math.round would give 431.
        double[] grid = aapl.strikeGrid(2152.5, 3);
        assertThat(grid).containsExactly(2145.0, 2150.0, 2155.0);
        assertThat(aapl.strikeGrid(12, 21)).startsWith(5.0).hasSize(12);
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        double[] g101 = nifty.strikeGrid(21503.1, 101);
        assertThat(g101).hasSize(101);
        assertThat(g101[50]).isEqualTo(21500.0);
        assertThat(g101[0]).isEqualTo(21500.0 - 50 * 50);
    }

    @Test
    void roundsPricesToTheTick() {
        Product nifty = ProductUniverse.defaults().get("NIFTY");
        assertThat(nifty.roundToTick(123.4567)).isEqualTo(123.45);
        assertThat(nifty.roundToTick(0.15000001)).isEqualTo(0.15);
        assertThat(nifty.roundToTick(0.001)).isEqualTo(0.05);
    }
}
