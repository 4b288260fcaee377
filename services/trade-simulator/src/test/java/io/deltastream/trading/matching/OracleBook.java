package io.deltastream.trading.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * The obviously-correct book the optimized {@link OrderBook} is compared with: every order in one list, every
 * match found by scanning all candidates for the best (price, then user before synthetic, then arrival).
 */
final class OracleBook {
    private static final class Resting {
        final long id;
        final long owner;
        final Side side;
        final long price;
        long quantity;
        final long arrival;

        Resting(long id, long owner, Side side, long price, long quantity, long arrival) {
            this.id = id;
            this.owner = owner;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.arrival = arrival;
        }
    }

    private final List<Resting> orders = new ArrayList<>();
    private long[][] synthetic = {new long[0], new long[0], new long[0], new long[0]};
    private long clock;

    long place(long id, long owner, Side side, long limit, long quantity, boolean rest, FillListener l) {
        long remaining = quantity;
        while (remaining > 0) {
            Resting best = null;
            for (Resting r : orders) {
                if (r.side != side && crosses(side, r.price, limit) && (best == null || better(side, r, best))) {
                    best = r;
                }
            }
            long[] px = side == Side.BUY ? synthetic[2] : synthetic[0];
            long[] qty = side == Side.BUY ? synthetic[3] : synthetic[1];
            int bestSyn = -1;
            for (int i = 0; i < px.length; i++) {
                if (qty[i] > 0 && crosses(side, px[i], limit)
                        && (bestSyn < 0 || (side == Side.BUY ? px[i] < px[bestSyn] : px[i] > px[bestSyn]))) {
                    bestSyn = i;
                }
            }
            boolean useUser = best != null && (bestSyn < 0
                    || (side == Side.BUY ? best.price <= px[bestSyn] : best.price >= px[bestSyn]));
            if (useUser) {
                if (best.owner == owner) {
                    orders.remove(best);
                    l.onSelfTradeCancel(best.id);
                    continue;
                }
                long q = Math.min(remaining, best.quantity);
                best.quantity -= q;
                remaining -= q;
                if (best.quantity == 0) {
                    orders.remove(best);
                }
                l.onFill(id, best.id, side, best.price, q);
            } else if (bestSyn >= 0) {
                long q = Math.min(remaining, qty[bestSyn]);
                qty[bestSyn] -= q;
                remaining -= q;
                l.onFill(id, FillListener.SYNTHETIC, side, px[bestSyn], q);
            } else {
                break;
            }
        }
        if (rest && remaining > 0) {
            orders.add(new Resting(id, owner, side, limit, remaining, clock++));
        }
        return quantity - remaining;
    }

    boolean cancel(long id) {
        return orders.removeIf(r -> r.id == id);
    }

    long modify(long id, long limit, long quantity, FillListener l) {
        Resting r = find(id);
        if (r == null) {
            return -1;
        }
        if (r.price == limit && quantity <= r.quantity) {
            r.quantity = quantity;
            return 0;
        }
        orders.remove(r);
        return place(id, r.owner, r.side, limit, quantity, true, l);
    }

    void setSynthetic(long[] bidPx, long[] bidQty, long[] askPx, long[] askQty, FillListener l) {
        synthetic = new long[][] {bidPx.clone(), bidQty.clone(), askPx.clone(), askQty.clone()};
        sweep(Side.BUY, synthetic[2], synthetic[3], l);
        sweep(Side.SELL, synthetic[0], synthetic[1], l);
    }

    private void sweep(Side restingSide, long[] px, long[] qty, FillListener l) {
        while (true) {
            Resting best = null;
            for (Resting r : orders) {
                if (r.side == restingSide && (best == null || better(restingSide.opposite(), r, best))) {
                    best = r;
                }
            }
            int s = -1;
            for (int i = 0; i < px.length; i++) {
                if (qty[i] > 0) {
                    s = i;
                    break;
                }
            }
            if (best == null || s < 0 || !(restingSide == Side.BUY ? px[s] <= best.price : px[s] >= best.price)) {
                return;
            }
            long q = Math.min(best.quantity, qty[s]);
            best.quantity -= q;
            qty[s] -= q;
            if (best.quantity == 0) {
                orders.remove(best);
            }
            l.onFill(FillListener.SYNTHETIC, best.id, restingSide.opposite(), best.price, q);
        }
    }

    long restingQuantity(long id) {
        Resting r = find(id);
        return r == null ? 0 : r.quantity;
    }

    long bestBid() {
        long best = Long.MIN_VALUE;
        for (Resting r : orders) {
            if (r.side == Side.BUY) {
                best = Math.max(best, r.price);
            }
        }
        for (int i = 0; i < synthetic[0].length; i++) {
            if (synthetic[1][i] > 0) {
                best = Math.max(best, synthetic[0][i]);
            }
        }
        return best;
    }

    long bestAsk() {
        long best = Long.MAX_VALUE;
        for (Resting r : orders) {
            if (r.side == Side.SELL) {
                best = Math.min(best, r.price);
            }
        }
        for (int i = 0; i < synthetic[2].length; i++) {
            if (synthetic[3][i] > 0) {
                best = Math.min(best, synthetic[2][i]);
            }
        }
        return best;
    }

    private Resting find(long id) {
        for (Resting r : orders) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }

    /** True when resting order {@code a} trades before {@code b} for an aggressor of {@code takerSide}. */
    private static boolean better(Side takerSide, Resting a, Resting b) {
        if (a.price != b.price) {
            return takerSide == Side.BUY ? a.price < b.price : a.price > b.price;
        }
        return a.arrival < b.arrival;
    }

    private static boolean crosses(Side side, long price, long limit) {
        return side == Side.BUY ? price <= limit : price >= limit;
    }
}
