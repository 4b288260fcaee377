package io.deltastream.market.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.quant.pricing.OptionType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class OptionSymbolFormatTest {
    @Test
    void theHandWrittenDateMatchesTheFormatterOnEveryDayOfSeveralCenturies() {
        for (LocalDate d = LocalDate.of(1899, 12, 25); d.isBefore(LocalDate.of(2200, 1, 10)); d = d.plusDays(1)) {
            String expected = "NIFTY" + DateTimeFormatter.BASIC_ISO_DATE.format(d) + "C21500";
            assertThat(OptionSymbol.format("NIFTY", d, OptionType.CALL, 21500)).isEqualTo(expected);
        }
        assertThat(OptionSymbol.format("X", LocalDate.of(999, 1, 2), OptionType.PUT, 2.5))
                .isEqualTo("X" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.of(999, 1, 2)) + "P2.5");
    }
}
