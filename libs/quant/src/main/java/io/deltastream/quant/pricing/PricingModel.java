package io.deltastream.quant.pricing;

/** The option models of the library, for callers that choose the model as data (a request field, a product setting). */
public enum PricingModel {
    /** European exercise on a spot with continuous dividend yield: {@link BlackScholesMerton}. */
    BLACK_SCHOLES_MERTON,
    /** European exercise on a forward or future, no dividend yield: {@link Black76}. */
    BLACK_76,
    /** American exercise on a spot with continuous dividend yield, the quick approximation {@link BjerksundStensland2002}. */
    BJERKSUND_STENSLAND_2002,
    /**
     * American exercise on a spot with continuous dividend yield, to high accuracy: {@link AndersenLakeOffengelden} at
     * its fast setting. The model of the American products.
     */
    ANDERSEN_LAKE_OFFENGELDEN;

    /** True for the models with early exercise. */
    public boolean isAmerican() {
        return this == BJERKSUND_STENSLAND_2002 || this == ANDERSEN_LAKE_OFFENGELDEN;
    }

    /** Name of the underlying field for this model: "forward" for Black-76, "spot" otherwise. */
    public String underlyingName() {
        return this == BLACK_76 ? "forward" : "spot";
    }
}
