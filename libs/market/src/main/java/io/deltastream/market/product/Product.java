package io.deltastream.market.product;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One underlying with listed options: its contract specification, trading calendar and the market parameters the
 * synthetic feed and the enricher use. Loaded from the product universe file ({@link ProductUniverse}).
 *
 * @param name           the symbol, upper case letters and digits (e.g. {@code NIFTY}); also the option symbol prefix
 * @param basePrice      the synthetic feed's starting price, in {@code currency} units
 * @param strikeInterval distance between listed strikes, in {@code currency} units
 * @param lotSize        units of the underlying per option contract
 * @param tickSize       minimum price increment of the options, in {@code currency} units
 * @param currency       ISO 4217 code, e.g. {@code INR}, {@code USD}
 * @param exercise       European or American
 * @param timezone       the exchange's time zone
 * @param expiryTime     the local time at which an expiring option stops trading (time to expiry counts to it)
 * @param rate           continuously compounded risk-free rate of {@code currency}, as a fraction (0.065 = 6.5%)
 * @param dividendYield  continuous dividend yield of the underlying, as a fraction
 * @param volatility     the synthetic feed's long-run at-the-money implied volatility, annualised fraction (0.13)
 * @param expiries       the expiry series listed for this product
 */
public record Product(
        @JsonProperty("name") String name,
        @JsonProperty("base_price") double basePrice,
        @JsonProperty("strike_interval") double strikeInterval,
        @JsonProperty("lot_size") int lotSize,
        @JsonProperty("tick_size") double tickSize,
        @JsonProperty("currency") String currency,
        @JsonProperty("exercise") ExerciseStyle exercise,
        @JsonProperty("timezone") ZoneId timezone,
        @JsonProperty("expiry_time") @JsonFormat(pattern = "HH:mm") LocalTime expiryTime,
        @JsonProperty("rate") double rate,
        @JsonProperty("dividend_yield") double dividendYield,
        @JsonProperty("volatility") double volatility,
        @JsonProperty("expiries") List<ExpiryRule> expiries) {

    public Product {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Z][A-Z0-9]{0,19}")) {
            throw new IllegalArgumentException("name must be 1-20 upper-case letters or digits starting with a letter, got '"
                    + name + "'");
        }
        requirePositive(name, "base_price", basePrice);
        requirePositive(name, "strike_interval", strikeInterval);
        requirePositive(name, "tick_size", tickSize);
        if (lotSize < 1) {
            throw new IllegalArgumentException(name + ": lot_size must be at least 1, got " + lotSize);
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(name + ": currency must be a 3-letter ISO code, got '" + currency + "'");
        }
        Objects.requireNonNull(exercise, name + ": exercise");
        Objects.requireNonNull(timezone, name + ": timezone");
        Objects.requireNonNull(expiryTime, name + ": expiry_time");
        if (!Double.isFinite(rate) || Math.abs(rate) > 1) {
            throw new IllegalArgumentException(name + ": rate must be a fraction between -1 and 1, got " + rate);
        }
        if (!Double.isFinite(dividendYield) || dividendYield < 0 || dividendYield > 1) {
            throw new IllegalArgumentException(name + ": dividend_yield must be a fraction from 0 to 1, got " + dividendYield);
        }
        if (!(volatility > 0.01 && volatility < 5)) {
            throw new IllegalArgumentException(name + ": volatility must be an annual fraction between 0.01 and 5, got "
                    + volatility);
        }
        if (expiries == null || expiries.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one expiry rule is required");
        }
        expiries = List.copyOf(expiries);
    }

    private static void requirePositive(String product, String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(product + ": " + field + " must be a positive number, got " + v);
        }
    }

    /** {@code price} rounded to the nearest multiple of the tick size (half-even), never below one tick. */
    public double roundToTick(double price) {
        double ticks = Math.max(1, Math.rint(price / tickSize));
        // Multiplying back leaves binary noise (3 * 0.05 = 0.15000000000000002); 1e-8 is far below any tick.
        return Math.rint(ticks * tickSize * 1e8) / 1e8;
    }

    /**
     * The listed strikes around {@code spot}: {@code count} consecutive multiples of the strike interval centred on
     * the one nearest to spot (Python's half-even rounding, as the reference: 430.5 intervals round to 430), strikes
     * that would be zero or negative left out. With an even count the extra strike is below.
     *
     * @return ascending strikes, in currency units
     */
    public double[] strikeGrid(double spot, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        double centre = Math.rint(spot / strikeInterval);
        int below = count / 2;
        double[] grid = new double[count];
        int n = 0;
        for (int i = -below; i < count - below; i++) {
            double k = (centre + i) * strikeInterval;
            if (k > 0) {
                grid[n++] = Math.rint(k * 1e8) / 1e8;
            }
        }
        return n == count ? grid : java.util.Arrays.copyOf(grid, n);
    }
}
