package io.deltastream.enricher;

import io.deltastream.market.product.ExerciseStyle;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Chains priced from a known smile, with bid = ask = model price, for checking the enricher against its inputs. */
public final class TestChains {
    private TestChains() {
    }

    /** Volatility by strike: {@code atm - skew * ln(K / spot)} (puts dearer for a positive skew). */
    public static DoubleUnaryOperator smile(double spot, double atm, double skew) {
        return k -> atm - skew * Math.log(k / spot);
    }

    /**
     * @param oi open interest per strike index and side: {@code oi(i, call)}
     */
    public static OptionChain chain(Product p, double spot, LocalDate expiry, Instant time, int strikes,
                                    DoubleUnaryOperator vol, OpenInterest oi) {
        double[] k = p.strikeGrid(spot, strikes);
        double years = ExpiryCalendar.yearsToExpiry(p, expiry, time);
        List<OptionQuote> calls = new ArrayList<>();
        List<OptionQuote> puts = new ArrayList<>();
        for (int i = 0; i < k.length; i++) {
            for (OptionType t : OptionType.values()) {
                double sigma = vol.applyAsDouble(k[i]);
                double price = p.exercise() == ExerciseStyle.AMERICAN
                        ? AndersenLakeOffengelden.price(t, spot, k[i], years, p.rate(), p.dividendYield(), sigma)
                        : BlackScholesMerton.price(t, spot, k[i], years, p.rate(), p.dividendYield(), sigma);
                OptionQuote q = new OptionQuote(OptionSymbol.format(p.name(), expiry, t, k[i]), p.name(), k[i], expiry,
                        t, price, price, price, 100 + 10L * i, oi.at(i, t == OptionType.CALL), 0, 0, 0, 0, sigma, time);
                (t == OptionType.CALL ? calls : puts).add(q);
            }
        }
        return new OptionChain(p.name(), expiry, spot, k, calls, puts, time);
    }

    /** Open interest of the option at strike index {@code i}. */
    @FunctionalInterface
    public interface OpenInterest {
        long at(int i, boolean call);
    }
}
