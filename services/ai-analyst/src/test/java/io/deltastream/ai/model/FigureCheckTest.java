package io.deltastream.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureCheckTest {
    private static final Map<String, Object> DATA = new LinkedHashMap<>();

    static {
        DATA.put("pcr_oi", 1.31);
        DATA.put("atm_iv", 0.151);
        DATA.put("max_pain_strike", 21450.0);
        DATA.put("spot_price", 21500.0);
        DATA.put("expiry", "2026-12-10");
        DATA.put("sentiment", "Bullish");
        DATA.put("atm_iv_unknown", null);
    }

    @Test
    void figuresWrittenAsInTheDataOrRoundedOrAsPercentagesAreGrounded() {
        assertThat(FigureCheck.ungrounded("NIFTY's 2026-12-10 expiry: PCR(OI) 1.31 (about 1.3), max pain 21,450.00 "
                + "below spot 21500, ATM IV 15.1% (15%).", DATA)).isEmpty();
    }

    @Test
    void computedOrInventedFiguresAreNot() {
        assertThat(FigureCheck.ungrounded("Max pain is 50 points below spot, a 0.23% gap; PCR 1.32; expiry "
                + "2026-12-11.", DATA)).containsExactly("50", "0.23", "1.32", "2026", "12", "11");
    }
}
