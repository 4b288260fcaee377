package io.deltastream.quant.pricing;

import io.deltastream.quant.InvalidInputException;

import java.util.Objects;

/**
 * One option to price: the batch-friendly, immutable form of the static model methods. The constructor validates
 * every field and throws {@link InvalidInputException} naming the field and its allowed range.
 *
 * @param model         which model prices it
 * @param type          call or put
 * @param underlying    spot (BSM, American) or forward (Black-76), > 0
 * @param strike        > 0
 * @param years         ACT/365 time to the exchange expiry time, >= 0 (0 prices the payoff)
 * @param rate          continuously compounded risk-free rate as a fraction, finite (may be negative)
 * @param dividendYield continuous dividend yield as a fraction; must be 0 for Black-76, whose forward holds the carry
 * @param volatility    annualised volatility as a fraction (0.2 = 20%), > 0
 */
public record OptionInputs(PricingModel model, OptionType type, double underlying, double strike, double years,
                           double rate, double dividendYield, double volatility) {

    public OptionInputs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(type, "type");
        GeneralizedBlackScholes.validate(model.underlyingName(), underlying, strike, years, rate, dividendYield,
                volatility);
        if (model == PricingModel.BLACK_76 && dividendYield != 0) {
            throw new InvalidInputException("dividendYield", dividendYield, "[0, 0] for BLACK_76 (the forward holds the carry)");
        }
    }

    /** Option value in currency units. */
    public double price() {
        return switch (model) {
            case BLACK_SCHOLES_MERTON -> GeneralizedBlackScholes.price(type, underlying, strike, years, rate,
                    rate - dividendYield, volatility);
            case BLACK_76 -> GeneralizedBlackScholes.price(type, underlying, strike, years, rate, 0, volatility);
            case BJERKSUND_STENSLAND_2002 -> BjerksundStensland2002.priceValidated(type, underlying, strike, years,
                    rate, dividendYield, volatility);
            case ANDERSEN_LAKE_OFFENGELDEN -> AndersenLakeOffengelden.priceValidated(type, underlying, strike, years,
                    rate, dividendYield, volatility, AndersenLakeOffengelden.Accuracy.FAST);
        };
    }

    /** Value and Greeks; units in {@link Greeks}. */
    public Greeks greeks() {
        return switch (model) {
            case BLACK_SCHOLES_MERTON -> GeneralizedBlackScholes.greeks(type, underlying, strike, years, rate,
                    rate - dividendYield, volatility, true);
            case BLACK_76 -> GeneralizedBlackScholes.greeks(type, underlying, strike, years, rate, 0, volatility,
                    false);
            case BJERKSUND_STENSLAND_2002 -> BjerksundStensland2002.greeks(type, underlying, strike, years, rate,
                    dividendYield, volatility);
            case ANDERSEN_LAKE_OFFENGELDEN -> AndersenLakeOffengelden.greeks(type, underlying, strike, years, rate,
                    dividendYield, volatility);
        };
    }

    /** A copy with another volatility (scenario analysis, implied-vol round trips). */
    public OptionInputs withVolatility(double newVolatility) {
        return new OptionInputs(model, type, underlying, strike, years, rate, dividendYield, newVolatility);
    }

    /** A copy with another underlying level and time to expiry (strategy valuation before expiry). */
    public OptionInputs withUnderlyingAndYears(double newUnderlying, double newYears) {
        return new OptionInputs(model, type, newUnderlying, strike, newYears, rate, dividendYield, volatility);
    }
}
