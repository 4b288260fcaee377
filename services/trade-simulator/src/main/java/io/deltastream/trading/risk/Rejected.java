package io.deltastream.trading.risk;

/**
 * A pre-trade check that failed.
 *
 * @param reason the trader-facing text
 * @param limit  the name of the breached limit as the {@code /risk} report lists it ({@code margin},
 *               {@code max_order_value}, {@code max_open_positions}, {@code daily_loss_limit},
 *               {@code concentration_limit}, {@code price_band_pct}, {@code freeze_lots}, {@code orders_per_second})
 */
public record Rejected(String reason, String limit) {
}
