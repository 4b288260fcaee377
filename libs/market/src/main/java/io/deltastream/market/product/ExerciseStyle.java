package io.deltastream.market.product;

import io.deltastream.quant.pricing.PricingModel;

/**
 * When an option may be exercised, and so which model values it: the one place where a product's pricing model is
 * chosen.
 */
public enum ExerciseStyle {
    /** Only at expiry (the Indian index options). */
    EUROPEAN(PricingModel.BLACK_SCHOLES_MERTON, PricingModel.BLACK_SCHOLES_MERTON),
    /** Any time up to expiry (US single-stock and ETF options). */
    AMERICAN(PricingModel.ANDERSEN_LAKE_OFFENGELDEN, PricingModel.BJERKSUND_STENSLAND_2002);

    private final PricingModel model;
    private final PricingModel quickModel;

    ExerciseStyle(PricingModel model, PricingModel quickModel) {
        this.model = model;
        this.quickModel = quickModel;
    }

    /** The model the enricher solves implied volatilities and Greeks with: the accurate one. */
    public PricingModel model() {
        return model;
    }

    /**
     * The model for valuations made in bulk, where speed matters more than the last digits: the feed's fair values
     * and the margin scenarios. The same as {@link #model()} for European options; the quick approximation for
     * American ones.
     */
    public PricingModel quickModel() {
        return quickModel;
    }
}
