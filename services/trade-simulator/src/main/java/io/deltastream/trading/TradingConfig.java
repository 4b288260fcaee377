package io.deltastream.trading;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.trading.portfolio.CommissionSchedule;
import io.deltastream.trading.risk.MarginParameters;
import io.deltastream.trading.risk.RiskLimits;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trade simulator's settings, from {@code TRADING_*} variables (documented in README and .env.example).
 *
 * @param initialCapital       cash of a new portfolio, currency units
 * @param commissions          the fee schedule per fill
 * @param depthLevels          synthetic price levels per side derived from each quote
 * @param depthLots            lots at the best synthetic level; level i (0-based) has {@code depthLots * (i + 1)}
 * @param underlyingSpreadBps  synthetic bid/ask spread around an underlying's price, basis points
 * @param limits               pre-trade risk limits
 * @param margin               SPAN-like margin parameters
 * @param timezone             the zone whose calendar day defines "today" (daily loss, /pnl?period=today)
 * @param housekeepingInterval how often DAY orders are expired and expired options settled
 */
public record TradingConfig(double initialCapital, CommissionSchedule commissions, int depthLevels, int depthLots,
                            double underlyingSpreadBps, RiskLimits limits, MarginParameters margin, ZoneId timezone,
                            Duration housekeepingInterval) {

    public static TradingConfig from(Env env) {
        RiskLimits limits = new RiskLimits(
                number(env, "TRADING_MAX_ORDER_VALUE", 500_000),
                env.integer("TRADING_MAX_OPEN_POSITIONS", 10, 1, 10_000),
                number(env, "TRADING_DAILY_LOSS_LIMIT", 50_000),
                fraction(env, "TRADING_CONCENTRATION_LIMIT", 0.30),
                fraction(env, "TRADING_PRICE_BAND_PCT", 0.40),
                number(env, "TRADING_PRICE_BAND_ABS", 20),
                env.integer("TRADING_FREEZE_LOTS", 24, 1, 1_000_000),
                number(env, "TRADING_ORDER_RATE", 10),
                env.integer("TRADING_ORDER_BURST", 20, 1, 1_000_000));
        MarginParameters margin = new MarginParameters(
                Set.copyOf(env.list("TRADING_INDEX_PRODUCTS", List.of("NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "SPY",
                        "QQQ"))),
                fraction(env, "TRADING_PRICE_SCAN_INDEX", 0.093),
                fraction(env, "TRADING_PRICE_SCAN_STOCK", 0.142),
                fraction(env, "TRADING_VOL_SCAN_INDEX", 0.04),
                fraction(env, "TRADING_VOL_SCAN_STOCK", 0.10),
                fraction(env, "TRADING_EXPOSURE_MARGIN_INDEX", 0.02),
                fraction(env, "TRADING_EXPOSURE_MARGIN_STOCK", 0.035));
        ZoneId zone;
        try {
            zone = ZoneId.of(env.string("TRADING_TIMEZONE", "Asia/Kolkata"));
        } catch (RuntimeException e) {
            throw new ConfigException("TRADING_TIMEZONE must be a time zone id such as Asia/Kolkata, got '"
                    + env.string("TRADING_TIMEZONE", "") + "'");
        }
        return new TradingConfig(
                number(env, "TRADING_INITIAL_CAPITAL", 1_000_000),
                new CommissionSchedule(nonNegative(env, "TRADING_COMMISSION_FLAT", 20),
                        nonNegative(env, "TRADING_COMMISSION_RATE", 0.0005)),
                env.integer("TRADING_DEPTH_LEVELS", 5, 1, 50),
                env.integer("TRADING_DEPTH_LOTS", 10, 1, 100_000),
                nonNegative(env, "TRADING_UNDERLYING_SPREAD_BPS", 2),
                limits, margin, zone,
                env.seconds("TRADING_HOUSEKEEPING_INTERVAL", Duration.ofSeconds(1), Duration.ofMinutes(10)));
    }

    private static double number(Env env, String name, double defaultValue) {
        return env.positiveNumber(name, defaultValue, 1e15);
    }

    private static double fraction(Env env, String name, double defaultValue) {
        return env.positiveNumber(name, defaultValue, 1);
    }

    private static double nonNegative(Env env, String name, double defaultValue) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw.get());
            if (v >= 0 && v < 1e15) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a number from 0, got '" + raw.get() + "'");
    }
}
