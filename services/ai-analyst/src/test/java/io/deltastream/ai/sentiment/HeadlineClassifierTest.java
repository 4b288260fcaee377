package io.deltastream.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.ai.sentiment.HeadlineClassifier.Label;
import org.junit.jupiter.api.Test;

/** The classifier's rules, on headlines written for this test (none from the labelled or the sample set). */
class HeadlineClassifierTest {
    private final HeadlineClassifier c = new HeadlineClassifier();

    private Label label(String headline) {
        return c.read(headline).label();
    }

    @Test
    void financeWordsAndPhrasesCarryTheirDirection() {
        assertThat(label("Steelmaker beats estimates on strong exports")).isEqualTo(Label.POSITIVE);
        assertThat(label("Broker downgrade hits cement maker")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Central bank announces surprise rate cut")).isEqualTo(Label.POSITIVE);
        assertThat(label("Regulator hikes interest rates again")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Chipmaker lowers full-year guidance")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Telecom operator raises dividend")).isEqualTo(Label.POSITIVE);
        assertThat(label("Exchange to review index constituents on Friday")).isEqualTo(Label.NEUTRAL);
    }

    @Test
    void aNegatorFlipsTheNextPolarityWord() {
        assertThat(label("Pharma stock does not recover after recall")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Power utility fails to beat profit estimates")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Sell-off fails to dent the metals rally")).isEqualTo(Label.POSITIVE);
        assertThat(label("Developer avoids default after lenders agree a deal")).isEqualTo(Label.POSITIVE);
    }

    @Test
    void intensifiersAndSoftenersChangeStrengthNotDirection() {
        double sharp = c.read("Index falls sharply").score();
        double plain = c.read("Index falls").score();
        double slight = c.read("Index falls slightly").score();
        assertThat(sharp).isLessThan(plain);
        assertThat(plain).isLessThan(slight);
        assertThat(slight).isNegative();
        assertThat(label("Index falls slightly")).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void costsMovingReadTheOtherWayAndSmallerThanFearedIsGood() {
        assertThat(label("Bond yields slide after soft jobs report")).isEqualTo(Label.POSITIVE);
        assertThat(label("Airline shares drop as crude rises")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Retailer's profit falls less than feared")).isEqualTo(Label.POSITIVE);
    }

    @Test
    void theClauseThatDrivesThePriceWeighsMore() {
        assertThat(label("Lender beats estimates but cuts growth guidance")).isEqualTo(Label.NEGATIVE);
        assertThat(label("Carmaker shares rise despite weak sales")).isEqualTo(Label.POSITIVE);
    }

    @Test
    void scoresStayInMinusOneToOne() {
        assertThat(c.read("surges surges surges soars record best rally jumps").score()).isBetween(0.9, 1.0);
        assertThat(c.read("plunges crashes tumbles default recession worst").score()).isBetween(-1.0, -0.9);
        assertThat(c.read("").score()).isZero();
    }
}
