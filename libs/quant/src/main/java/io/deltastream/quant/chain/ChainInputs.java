package io.deltastream.quant.chain;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.pricing.PricingModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One expiry of an option chain with the market it is valued in. Rows are kept sorted by strike; strikes must be
 * distinct.
 *
 * @param model         how options are valued: BLACK_SCHOLES_MERTON (spot with dividend yield; Greeks per spot),
 *                      BLACK_76 (quoted or synthetic forward; Greeks per forward), ANDERSEN_LAKE_OFFENGELDEN or BJERKSUND_STENSLAND_2002
 *                      (American on spot; slow path, about 1000x the cost per option)
 * @param spot          underlying spot, > 0 (PCR/OTM sums, support and the 1-sigma move are relative to it)
 * @param forward       forward for the expiry, > 0; for the spot models it must equal spot e^{(r-q)T} (use
 *                      {@link #onSpot})
 * @param years         ACT/365 time to the exchange expiry time, > 0
 * @param rate          continuously compounded rate, as a fraction
 * @param dividendYield continuous dividend yield as a fraction; 0 for BLACK_76
 * @param rows          one row per strike
 */
public record ChainInputs(PricingModel model, double spot, double forward, double years, double rate,
                          double dividendYield, List<ChainRow> rows) {

    public ChainInputs {
        Objects.requireNonNull(model, "model");
        Inputs.requirePositive("spot", spot);
        Inputs.requirePositive("forward", forward);
        Inputs.requirePositive("years", years);
        Inputs.requireFinite("rate", rate);
        Inputs.requireFinite("dividendYield", dividendYield);
        if (model == PricingModel.BLACK_76 && dividendYield != 0) {
            throw new InvalidInputException("dividendYield", dividendYield, "[0, 0] for BLACK_76");
        }
        List<ChainRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(ChainRow::strike));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).strike() == sorted.get(i - 1).strike()) {
                throw new InvalidInputException("strike", sorted.get(i).strike(), "distinct strikes per chain");
            }
        }
        rows = List.copyOf(sorted);
    }

    /** A European chain on a spot with dividend yield; the forward is spot e^{(r-q)T}. */
    public static ChainInputs onSpot(double spot, double years, double rate, double dividendYield,
                                     List<ChainRow> rows) {
        return new ChainInputs(PricingModel.BLACK_SCHOLES_MERTON, spot,
                spot * Math.exp((rate - dividendYield) * years), years, rate, dividendYield, rows);
    }

    /** A European chain on a forward: a futures price, or {@link SyntheticForward#fromPutCallParity}. */
    public static ChainInputs onForward(double spot, double forward, double years, double rate,
                                        List<ChainRow> rows) {
        return new ChainInputs(PricingModel.BLACK_76, spot, forward, years, rate, 0, rows);
    }

    /** An American chain on a spot with dividend yield (Andersen–Lake–Offengelden). */
    public static ChainInputs american(double spot, double years, double rate, double dividendYield,
                                       List<ChainRow> rows) {
        return new ChainInputs(PricingModel.ANDERSEN_LAKE_OFFENGELDEN, spot,
                spot * Math.exp((rate - dividendYield) * years), years, rate, dividendYield, rows);
    }

    public double discountFactor() {
        return Math.exp(-rate * years);
    }
}
