package io.deltastream.quant.strategy;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.math.NormalDistribution;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A multi-leg position (options and the underlying) and its analytics: P&L at the horizon and at any date and
 * volatility shift before it, breakevens, maximum profit and loss (detecting unbounded ones), position Greeks and the
 * risk-neutral probability of profit.
 *
 * <p>The horizon is the earliest option expiry (or now, without options). Options expiring then pay intrinsic; later
 * ones are valued with Black–Scholes–Merton at their own volatility. When every option expires at the horizon the P&L
 * is piecewise linear with kinks at the strikes, and breakevens and extremes are exact; otherwise they are found on a
 * dense grid (0.01 to 10 times spot) refined by bisection.
 *
 * @param legs       at least one leg
 * @param multiplier contract multiplier (lot size) applied to every leg's quantity, > 0
 */
public record Strategy(List<Leg> legs, double multiplier) {

    private static final int DENSE_GRID = 2000;

    public Strategy {
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new InvalidInputException("legs", 0, "[1, +inf) legs");
        }
        Inputs.requirePositive("multiplier", multiplier);
    }

    /** Years from now to the earliest option expiry; 0 without options. */
    public double horizon() {
        double horizon = Double.POSITIVE_INFINITY;
        for (Leg leg : legs) {
            if (leg instanceof OptionLeg option) {
                horizon = Math.min(horizon, option.years());
            }
        }
        return horizon == Double.POSITIVE_INFINITY ? 0 : horizon;
    }

    /** P&L at the horizon if the underlying is at {@code underlying} then. */
    public double payoffAtHorizon(double underlying, StrategyMarket market) {
        return valueAt(underlying, horizon(), 0, market);
    }

    /**
     * P&L (value minus entry cost) at a date before or at the horizon.
     *
     * @param underlying   underlying price at that date, > 0
     * @param yearsElapsed time from now, in [0, horizon]
     * @param volShift     additive shift to every leg's volatility (0.01 = +1 vol point); shifted vols are floored at
     *                     1e-6
     */
    public double valueAt(double underlying, double yearsElapsed, double volShift, StrategyMarket market) {
        Inputs.requirePositive("underlying", underlying);
        double horizon = horizon();
        if (!(yearsElapsed >= 0 && yearsElapsed <= horizon + 1e-12)) {
            throw new InvalidInputException("yearsElapsed", yearsElapsed, "[0, " + horizon + "]");
        }
        double total = 0;
        for (Leg leg : legs) {
            double value = switch (leg) {
                case UnderlyingLeg u -> underlying;
                case OptionLeg o -> BlackScholesMerton.price(o.type(), underlying, o.strike(),
                        Math.max(o.years() - yearsElapsed, 0), market.rate(), market.dividendYield(),
                        Math.max(o.volatility() + volShift, 1e-6));
            };
            total += leg.quantity() * (value - leg.entryPrice());
        }
        return total * multiplier;
    }

    /** Position Greeks now: sum of quantity x multiplier x leg Greeks (the underlying has delta 1). */
    public Greeks greeks(StrategyMarket market) {
        Greeks total = Greeks.ZERO;
        for (Leg leg : legs) {
            Greeks legGreeks = switch (leg) {
                case UnderlyingLeg u -> new Greeks(market.spot(), 1, 0, 0, 0, 0, 0, 0, 0);
                case OptionLeg o -> BlackScholesMerton.greeks(o.type(), market.spot(), o.strike(), o.years(),
                        market.rate(), market.dividendYield(), o.volatility());
            };
            total = total.plus(legGreeks.times(leg.quantity() * multiplier));
        }
        return total;
    }

    /** Max profit and loss, breakevens and probability of profit at the horizon. */
    public StrategyRisk risk(StrategyMarket market) {
        double[] grid = grid(market);
        double[] pnl = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            pnl[i] = payoffAtHorizon(grid[i], market);
        }
        List<Double> breakevens = new ArrayList<>();
        double maxProfit = Double.NEGATIVE_INFINITY;
        double minPnl = Double.POSITIVE_INFINITY;
        for (int i = 0; i < grid.length; i++) {
            maxProfit = Math.max(maxProfit, pnl[i]);
            minPnl = Math.min(minPnl, pnl[i]);
            // a breakeven is where "in profit" (P&L > 0) changes; touching zero without crossing is not one
            if (i > 0 && (pnl[i - 1] > 0) != (pnl[i] > 0)) {
                breakevens.add(root(grid[i - 1], grid[i], pnl[i - 1] > 0, market));
            }
        }
        // beyond the last grid point the P&L moves with the asymptotic slope: calls and the underlying
        double slope = upsideSlope();
        boolean profitUnbounded = slope > 0;
        boolean lossUnbounded = slope < 0;
        double last = pnl[pnl.length - 1];
        if ((!(last > 0) && profitUnbounded) || (last > 0 && lossUnbounded)) {
            breakevens.add(grid[grid.length - 1] - last / (slope * multiplier));
        }
        return new StrategyRisk(profitUnbounded ? Double.POSITIVE_INFINITY : maxProfit, profitUnbounded,
                lossUnbounded ? Double.NEGATIVE_INFINITY : minPnl, lossUnbounded, breakevens,
                probabilityOfProfit(breakevens, pnl[0] > 0, market));
    }

    private double upsideSlope() {
        double slope = 0;
        for (Leg leg : legs) {
            if (leg instanceof UnderlyingLeg || (leg instanceof OptionLeg o && o.type().sign() > 0)) {
                slope += leg.quantity();
            }
        }
        return slope;
    }

    private boolean allOptionsExpireAtHorizon() {
        double horizon = horizon();
        return legs.stream().allMatch(l -> !(l instanceof OptionLeg o) || o.years() == horizon);
    }

    /** Evaluation points: 0+, every strike and the spot; a dense grid when later expiries make the P&L curved. */
    private double[] grid(StrategyMarket market) {
        TreeSet<Double> points = new TreeSet<>();
        double top = 10 * market.spot();
        points.add(1e-9 * market.spot());
        points.add(market.spot());
        for (Leg leg : legs) {
            if (leg instanceof OptionLeg o) {
                points.add(o.strike());
                top = Math.max(top, 2 * o.strike());
            } else {
                points.add(leg.entryPrice());
            }
        }
        points.add(top);
        if (!allOptionsExpireAtHorizon()) {
            double low = 0.01 * market.spot();
            for (int i = 0; i <= DENSE_GRID; i++) {
                points.add(low * Math.pow(top / low, (double) i / DENSE_GRID));
            }
        }
        return points.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double root(double low, double high, boolean profitAtLow, StrategyMarket market) {
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
            double middle = 0.5 * (low + high);
            if ((payoffAtHorizon(middle, market) > 0) == profitAtLow) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /**
     * P(P&L > 0) = sum over profitable intervals (L, U) of P(L < S_T < U) = N(d2(L)) - N(d2(U)), with
     * P(S_T > K) = N(d2(K)) for the lognormal underlying with the horizon's forward.
     */
    private double probabilityOfProfit(List<Double> breakevens, boolean profitableAtZero, StrategyMarket market) {
        double t = horizon();
        double forward = market.spot() * Math.exp((market.rate() - market.dividendYield()) * t);
        double sd = market.volatility() * Math.sqrt(t);
        double probability = 0;
        boolean profitable = profitableAtZero;
        double previousAbove = 1;
        for (double level : breakevens) {
            double above = probabilityAbove(level, forward, sd);
            if (profitable) {
                probability += previousAbove - above;
            }
            previousAbove = above;
            profitable = !profitable;
        }
        if (profitable) {
            probability += previousAbove;
        }
        return Math.min(Math.max(probability, 0), 1);
    }

    private static double probabilityAbove(double level, double forward, double sd) {
        if (sd == 0) {
            return forward > level ? 1 : 0;
        }
        return NormalDistribution.cdf((Math.log(forward / level) - 0.5 * sd * sd) / sd);
    }
}
