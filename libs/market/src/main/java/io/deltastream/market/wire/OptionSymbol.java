package io.deltastream.market.wire;

import io.deltastream.quant.pricing.OptionType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's option symbol: product, expiry as {@code yyyyMMdd}, {@code C} or {@code P}, and the strike, e.g.
 * {@code NIFTY20261126C21500}. Whole strikes are written without decimals (as the reference's {@code int(strike)});
 * fractional strikes keep theirs ({@code AAPL20261120C182.5}) instead of colliding with the whole strike below.
 *
 * @param product the underlying's name
 * @param expiry  expiry date
 * @param type    call or put
 * @param strike  strike in currency units
 */
public record OptionSymbol(String product, LocalDate expiry, OptionType type, double strike) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern FORM = Pattern.compile("([A-Z][A-Z0-9]*?)(\\d{8})([CP])(\\d+(?:\\.\\d+)?)");

    /** The symbol text. */
    public static String format(String product, LocalDate expiry, OptionType type, double strike) {
        StringBuilder sb = new StringBuilder(product.length() + 16).append(product);
        int year = expiry.getYear();
        if (year >= 1000 && year <= 9999) {
            // By hand: the feed and every chain read format ~50,000 symbols a second, and a formatter costs more than
            // the rest of the symbol.
            int month = expiry.getMonthValue();
            int day = expiry.getDayOfMonth();
            sb.append(year).append(month < 10 ? "0" : "").append(month).append(day < 10 ? "0" : "").append(day);
        } else {
            sb.append(DATE.format(expiry));
        }
        sb.append(type == OptionType.CALL ? 'C' : 'P');
        if (strike == Math.rint(strike) && Math.abs(strike) < 1e15) {
            sb.append((long) strike);
        } else {
            sb.append(java.math.BigDecimal.valueOf(strike).stripTrailingZeros().toPlainString());
        }
        return sb.toString();
    }

    /** Parses a symbol; an {@link IllegalArgumentException} says what is wrong. */
    public static OptionSymbol parse(String symbol) {
        Matcher m = FORM.matcher(symbol);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an option symbol (PRODUCTyyyyMMdd[C|P]STRIKE): '" + symbol + "'");
        }
        try {
            return new OptionSymbol(m.group(1), LocalDate.parse(m.group(2), DATE),
                    m.group(3).equals("C") ? OptionType.CALL : OptionType.PUT, Double.parseDouble(m.group(4)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid expiry date in option symbol '" + symbol + "'", e);
        }
    }

    @Override
    public String toString() {
        return format(product, expiry, type, strike);
    }
}
