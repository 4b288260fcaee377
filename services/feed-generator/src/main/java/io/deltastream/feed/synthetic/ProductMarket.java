package io.deltastream.feed.synthetic;

import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionInputs;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.pricing.PricingModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic market of one product: spot by geometric Brownian motion with the surface's ATM volatility (plus
 * optional Merton jumps), option prices from the {@link SmileModel} through the quant engine (Black-Scholes-Merton for
 * European products, Bjerksund-Stensland 2002 for American ones), quotes around the model price with spreads that
 * widen away from the money and are rounded to the product's tick size, and persistent volume and open interest
 * ({@link OptionBook}). The quotes' Greeks are the Black-Scholes-Merton ones at the surface's volatility for every
 * product (the feed's informational model values; the enricher recomputes them from the prices). Deterministic for a
 * seed and a sequence of times. Not thread-safe.
 */
public final class ProductMarket {
    /** Expiries closer than this are not quoted (their prices are all intrinsic value and their IVs undefined). */
    private static final Duration MIN_TIME_TO_EXPIRY = Duration.ofMinutes(1);
    /** Expected contracts traded per second at the money of the nearest expiry. */
    private static final double ATM_TRADES_PER_SECOND = 30;

    private final Product product;
    private final SyntheticSettings settings;
    private final SplittableRandom random;
    private final SmileModel smile;
    private final OptionBook book = new OptionBook();
    private double spot;
    private double lastReturn;
    private Instant time;
    private long steps;

    public ProductMarket(Product product, SyntheticSettings settings, Instant start) {
        this.product = product;
        this.settings = settings;
        // One stream per product, so adding or removing a product does not change the others' paths.
        this.random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L ^ product.name().hashCode());
        this.smile = new SmileModel(product.volatility());
        this.spot = product.basePrice();
        this.time = start;
        book.startSession(start.atZone(product.timezone()).toLocalDate());
    }

    public Product product() {
        return product;
    }

    public double spot() {
        return spot;
    }

    public Instant time() {
        return time;
    }

    /** Moves the market to {@code now} (no-op when not later than the current time). */
    public void advance(Instant now) {
        if (!now.isAfter(time)) {
            return;
        }
        double years = Duration.between(time, now).toNanos() / 1e9 / ExpiryCalendar.SECONDS_PER_YEAR;
        double vol = smile.level();
        double drift = (product.rate() - product.dividendYield() - 0.5 * vol * vol) * years;
        double logReturn = drift + vol * Math.sqrt(years) * SmileModel.gaussian(random);
        if (settings.jumpsPerYear() > 0 && random.nextDouble() < settings.jumpsPerYear() * years) {
            double s = settings.jumpSize();
            logReturn += -0.5 * s * s + s * SmileModel.gaussian(random);
        }
        spot *= Math.exp(logReturn);
        lastReturn = logReturn;
        smile.step(years, logReturn, random);
        time = now;
        LocalDate today = now.atZone(product.timezone()).toLocalDate();
        book.startSession(today);
        if (++steps % 256 == 0) {
            double width = settings.strikesFor(product.name()) * product.strikeInterval();
            book.prune(today, spot - 1.5 * width, spot + 1.5 * width);
        }
    }

    /** The underlying tick at the current time. */
    public UnderlyingTick tick(long tickId) {
        return new UnderlyingTick(product.name(), round(spot, 0.01), time, tickId);
    }

    /** The expiries that get chains now: the product's upcoming ones, nearest first, capped by the settings. */
    public List<LocalDate> expiries() {
        List<LocalDate> all = new ArrayList<>();
        for (LocalDate e : ExpiryCalendar.upcoming(product, time)) {
            if (ExpiryCalendar.expiryInstant(product, e).isAfter(time.plus(MIN_TIME_TO_EXPIRY))) {
                all.add(e);
            }
        }
        int max = settings.maxExpiries();
        return max > 0 && all.size() > max ? List.copyOf(all.subList(0, max)) : all;
    }

    /** The full chain of {@code expiry} at the current time. */
    public OptionChain chain(LocalDate expiry) {
        double[] strikes = product.strikeGrid(spot, settings.strikesFor(product.name()));
        List<OptionQuote> calls = new ArrayList<>(strikes.length);
        List<OptionQuote> puts = new ArrayList<>(strikes.length);
        for (double k : strikes) {
            calls.add(quote(expiry, k, OptionType.CALL));
            puts.add(quote(expiry, k, OptionType.PUT));
        }
        return new OptionChain(product.name(), expiry, round(spot, 0.01), strikes, calls, puts, time);
    }

    /** {@code count} distinct random strikes of the chain grid (the feed's individual quotes). */
    public double[] randomStrikes(int count) {
        double[] grid = product.strikeGrid(spot, settings.strikesFor(product.name()));
        int n = Math.min(count, grid.length);
        // Partial Fisher-Yates: the first n entries become a uniform sample without replacement.
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(grid.length - i);
            double t = grid[i];
            grid[i] = grid[j];
            grid[j] = t;
        }
        return java.util.Arrays.copyOf(grid, n);
    }

    /** The quote of one option at the current time; updates its volume, open interest and last price. */
    public OptionQuote quote(LocalDate expiry, double strike, OptionType type) {
        double years = ExpiryCalendar.yearsToExpiry(product, expiry, time);
        double rate = product.rate();
        double dividend = product.dividendYield();
        double forward = BlackScholesMerton.forward(spot, years, rate, dividend);
        double vol = smile.impliedVol(strike, forward, years);
        double x = Math.log(strike / forward) / (smile.atm(years) * Math.sqrt(years));
        Greeks g = BlackScholesMerton.greeks(type, spot, strike, years, rate, dividend, vol);
        PricingModel model = product.exercise().quickModel();
        double value = model == PricingModel.BLACK_SCHOLES_MERTON ? g.price()
                : new OptionInputs(model, type, spot, strike, years, rate, dividend, vol).price();

        double tick = product.tickSize();
        double halfSpread = Math.max(tick, value * (0.004 + 0.003 * Math.min(Math.abs(x), 4)));
        double bid = Math.max(0, Math.floor((value - halfSpread) / tick) * tick);
        double ask = Math.max(Math.ceil((value + halfSpread) / tick) * tick, bid + tick);
        bid = clean(bid);
        ask = clean(ask);

        OptionBook.Contract c = book.contract(expiry, strike, type == OptionType.CALL, x, random);
        double days = Math.max(years * 365, 0.1);
        double tradesPerSecond = ATM_TRADES_PER_SECOND * Math.exp(-0.5 * x * x) * (0.3 + 1.5 / Math.sqrt(days));
        // Trades accrue over the time since the contract was last quoted (nothing twice within one instant).
        double seconds = c.lastQuoted == null ? 1
                : Math.min(3600, Duration.between(c.lastQuoted, time).toNanos() / 1e9);
        c.lastQuoted = time;
        long traded = seconds <= 0 ? 0
                : Math.max(0, Math.round(tradesPerSecond * seconds + Math.sqrt(tradesPerSecond * seconds) * SmileModel.gaussian(random)));
        // Flow follows the market: rallies draw call buyers and put writers, sell-offs the reverse.
        double reaction = (type == OptionType.CALL ? 1 : -1) * lastReturn * 200;
        c.flow = Math.clamp(0.95 * c.flow + 0.1 * SmileModel.gaussian(random) + reaction, -1, 1);
        if (traded > 0) {
            c.volume += traded;
            c.openInterest = Math.max(0, c.openInterest + Math.round(traded * 0.6 * c.flow));
            double price = value + halfSpread * (2 * random.nextDouble() - 1);
            c.last = clean(Math.clamp(Math.rint(price / tick) * tick, bid, ask));
        } else if (Double.isNaN(c.last)) {
            c.last = clean(Math.max(tick, Math.rint(value / tick) * tick));
        }
        return new OptionQuote(OptionSymbol.format(product.name(), expiry, type, strike), product.name(), strike,
                expiry, type, bid, ask, c.last, c.volume, c.openInterest, round(g.delta(), 1e-4),
                round(g.gamma(), 1e-6), round(g.vega(), 1e-4), round(g.theta(), 1e-4), round(vol, 1e-4), time);
    }

    /** Contracts tracked (for tests of the book's bound). */
    int contracts() {
        return book.size();
    }

    private static double round(double v, double step) {
        return clean(Math.rint(v / step) * step);
    }

    /** Removes the binary noise of multiplying by a decimal step (3 * 0.05 = 0.15000000000000002). */
    private static double clean(double v) {
        return Math.rint(v * 1e8) / 1e8;
    }
}
