package io.deltastream.trading.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order book of one instrument: users' resting orders with price-time priority, plus the feed's synthetic
 * liquidity (a ladder of price levels per side, replaced on every market-data tick).
 *
 * <p>Rules:
 * <ul>
 *   <li>An incoming order trades against the best opposite price first, at the resting (maker) price; within a
 *       price, user orders in arrival order, then the synthetic level (the feed's quote is refreshed on every tick,
 *       so it is the newest liquidity at its price).</li>
 *   <li>Synthetic liquidity is consumed by fills until the next tick replaces the ladder, so the same quote
 *       never fills twice.</li>
 *   <li>When a new ladder crosses resting user orders (the market moved through them), they are filled at their own
 *       price, best first, as far as the ladder's quantity goes.</li>
 *   <li>Self-trade prevention: an incoming order never trades with a resting order of the same owner; the resting
 *       order is removed instead and reported through {@link FillListener#onSelfTradeCancel}.</li>
 * </ul>
 *
 * <p>Prices are integer ticks and quantities integer units, so matching is exact and deterministic. Not
 * thread-safe: the owner serializes calls. Listeners are called during an operation and must not call back into
 * the book.
 */
public final class OrderBook {
    /** The limit of a market buy: crosses every ask. */
    public static final long MARKET_BUY = Long.MAX_VALUE;
    /** The limit of a market sell: crosses every bid. */
    public static final long MARKET_SELL = Long.MIN_VALUE;

    private static final class Node {
        final long id;
        final long owner;
        final Side side;
        final long price;
        long quantity;
        Level level;
        Node prev;
        Node next;

        Node(long id, long owner, Side side, long price, long quantity) {
            this.id = id;
            this.owner = owner;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    private static final class Level {
        final long price;
        Node head;
        Node tail;
        long total;

        Level(long price) {
            this.price = price;
        }
    }

    private final TreeMap<Long, Level> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Level> asks = new TreeMap<>();
    private final Map<Long, Node> byId = new HashMap<>();

    private long[] synBidPrice = new long[0];
    private long[] synBidQty = new long[0];
    private long[] synAskPrice = new long[0];
    private long[] synAskQty = new long[0];

    /**
     * Matches an incoming order and, when {@code rest} is set, rests its remainder.
     *
     * @param id       order id, positive and unique within the book
     * @param owner    owner id for self-trade prevention
     * @param side     buy or sell
     * @param limit    limit price in ticks; {@link #MARKET_BUY} / {@link #MARKET_SELL} for a market order
     * @param quantity units, positive
     * @param rest     true to rest an unfilled remainder (a DAY limit order), false to drop it (market, IOC)
     * @return the quantity filled now
     */
    public long place(long id, long owner, Side side, long limit, long quantity, boolean rest, FillListener listener) {
        if (id <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("order id and quantity must be positive");
        }
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("order " + id + " is already in the book");
        }
        long filled = match(id, owner, side, limit, quantity, listener);
        long remaining = quantity - filled;
        if (rest && remaining > 0) {
            if (limit == MARKET_BUY || limit == MARKET_SELL) {
                throw new IllegalArgumentException("a market order cannot rest");
            }
            add(new Node(id, owner, side, limit, remaining));
        }
        return filled;
    }

    /** Removes a resting order; false when it is not resting (filled, cancelled or unknown). */
    public boolean cancel(long id) {
        Node n = byId.get(id);
        if (n == null) {
            return false;
        }
        remove(n);
        return true;
    }

    /**
     * Changes a resting order's price and open quantity. Reducing the quantity at the same price keeps the order's
     * time priority; any other change re-enters it at the back of its new price (and it may trade at once).
     *
     * @param newLimit    limit price in ticks
     * @param newQuantity the new open (unfilled) quantity, positive
     * @return the quantity filled by the change; -1 when the order is not resting
     */
    public long modify(long id, long newLimit, long newQuantity, FillListener listener) {
        if (newQuantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        Node n = byId.get(id);
        if (n == null) {
            return -1;
        }
        if (newLimit == n.price && newQuantity <= n.quantity) {
            n.level.total -= n.quantity - newQuantity;
            n.quantity = newQuantity;
            return 0;
        }
        remove(n);
        return place(id, n.owner, n.side, newLimit, newQuantity, true, listener);
    }

    /**
     * Replaces the synthetic ladders (best level first on each side; bid prices descending, ask prices ascending)
     * and fills resting orders the new ladders cross, at the resting orders' prices.
     */
    public void setSynthetic(long[] bidPrices, long[] bidQuantities, long[] askPrices, long[] askQuantities,
                             FillListener listener) {
        synBidPrice = Arrays.copyOf(bidPrices, bidPrices.length);
        synBidQty = Arrays.copyOf(bidQuantities, bidPrices.length);
        synAskPrice = Arrays.copyOf(askPrices, askPrices.length);
        synAskQty = Arrays.copyOf(askQuantities, askPrices.length);
        sweepResting(bids, Side.BUY, synAskPrice, synAskQty, listener);
        sweepResting(asks, Side.SELL, synBidPrice, synBidQty, listener);
    }

    /** The open quantity of a resting order, 0 when it is not resting. */
    public long restingQuantity(long id) {
        Node n = byId.get(id);
        return n == null ? 0 : n.quantity;
    }

    /** The limit price of a resting order in ticks, {@link Long#MIN_VALUE} when it is not resting. */
    public long restingPrice(long id) {
        Node n = byId.get(id);
        return n == null ? Long.MIN_VALUE : n.price;
    }

    /** The number of resting user orders. */
    public int restingOrders() {
        return byId.size();
    }

    /** Best bid over user orders and synthetic liquidity, in ticks; {@link Long#MIN_VALUE} when empty. */
    public long bestBid() {
        long user = bids.isEmpty() ? Long.MIN_VALUE : bids.firstKey();
        int s = firstLive(synBidQty);
        return s < 0 ? user : Math.max(user, synBidPrice[s]);
    }

    /** Best ask over user orders and synthetic liquidity, in ticks; {@link Long#MAX_VALUE} when empty. */
    public long bestAsk() {
        long user = asks.isEmpty() ? Long.MAX_VALUE : asks.firstKey();
        int s = firstLive(synAskQty);
        return s < 0 ? user : Math.min(user, synAskPrice[s]);
    }

    /** One aggregated price level: price in ticks, total units (user and synthetic). */
    public record DepthLevel(long price, long quantity) {
    }

    /** Up to {@code levels} aggregated levels of one side, best first. */
    public List<DepthLevel> depth(Side side, int levels) {
        TreeMap<Long, Long> merged = new TreeMap<>(side == Side.BUY ? Collections.reverseOrder() : null);
        for (Level l : (side == Side.BUY ? bids : asks).values()) {
            merged.merge(l.price, l.total, Long::sum);
        }
        long[] px = side == Side.BUY ? synBidPrice : synAskPrice;
        long[] qty = side == Side.BUY ? synBidQty : synAskQty;
        for (int i = 0; i < px.length; i++) {
            if (qty[i] > 0) {
                merged.merge(px[i], qty[i], Long::sum);
            }
        }
        List<DepthLevel> out = new ArrayList<>(Math.min(levels, merged.size()));
        Iterator<Map.Entry<Long, Long>> it = merged.entrySet().iterator();
        while (it.hasNext() && out.size() < levels) {
            Map.Entry<Long, Long> e = it.next();
            out.add(new DepthLevel(e.getKey(), e.getValue()));
        }
        return out;
    }

    private long match(long id, long owner, Side side, long limit, long quantity, FillListener listener) {
        boolean buy = side == Side.BUY;
        TreeMap<Long, Level> opposite = buy ? asks : bids;
        long[] synPrice = buy ? synAskPrice : synBidPrice;
        long[] synQty = buy ? synAskQty : synBidQty;
        long remaining = quantity;
        int s = firstLive(synQty);
        while (remaining > 0) {
            while (s >= 0 && s < synQty.length && synQty[s] == 0) {
                s++;
            }
            if (s >= synQty.length) {
                s = -1;
            }
            Level level = opposite.isEmpty() ? null : opposite.firstEntry().getValue();
            boolean user;
            long price;
            if (level == null && s < 0) {
                break;
            } else if (level == null) {
                user = false;
                price = synPrice[s];
            } else if (s < 0) {
                user = true;
                price = level.price;
            } else {
                user = buy ? level.price <= synPrice[s] : level.price >= synPrice[s];
                price = user ? level.price : synPrice[s];
            }
            if (buy ? price > limit : price < limit) {
                break;
            }
            if (user) {
                Node maker = level.head;
                if (maker.owner == owner) {
                    remove(maker);
                    listener.onSelfTradeCancel(maker.id);
                    continue;
                }
                long q = Math.min(remaining, maker.quantity);
                maker.quantity -= q;
                level.total -= q;
                remaining -= q;
                if (maker.quantity == 0) {
                    remove(maker);
                }
                listener.onFill(id, maker.id, side, price, q);
            } else {
                long q = Math.min(remaining, synQty[s]);
                synQty[s] -= q;
                remaining -= q;
                listener.onFill(id, FillListener.SYNTHETIC, side, price, q);
            }
        }
        return quantity - remaining;
    }

    /** Fills resting orders of {@code restingSide} that the synthetic ladder of the other side crosses. */
    private void sweepResting(TreeMap<Long, Level> resting, Side restingSide, long[] synPrice, long[] synQty,
                              FillListener listener) {
        boolean bidsResting = restingSide == Side.BUY;
        int s = firstLive(synQty);
        while (s >= 0 && !resting.isEmpty()) {
            Level level = resting.firstEntry().getValue();
            boolean crosses = bidsResting ? synPrice[s] <= level.price : synPrice[s] >= level.price;
            if (!crosses) {
                return;
            }
            Node maker = level.head;
            long q = Math.min(maker.quantity, synQty[s]);
            maker.quantity -= q;
            level.total -= q;
            synQty[s] -= q;
            if (maker.quantity == 0) {
                remove(maker);
            }
            listener.onFill(FillListener.SYNTHETIC, maker.id, restingSide.opposite(), level.price, q);
            if (synQty[s] == 0) {
                s = nextLive(synQty, s + 1);
            }
        }
    }

    private static int firstLive(long[] qty) {
        return nextLive(qty, 0);
    }

    private static int nextLive(long[] qty, int from) {
        for (int i = from; i < qty.length; i++) {
            if (qty[i] > 0) {
                return i;
            }
        }
        return -1;
    }

    private void add(Node n) {
        TreeMap<Long, Level> side = n.side == Side.BUY ? bids : asks;
        Level level = side.get(n.price);
        if (level == null) {
            level = new Level(n.price);
            side.put(n.price, level);
        }
        n.level = level;
        n.prev = level.tail;
        if (level.tail == null) {
            level.head = n;
        } else {
            level.tail.next = n;
        }
        level.tail = n;
        level.total += n.quantity;
        byId.put(n.id, n);
    }

    private void remove(Node n) {
        Level level = n.level;
        if (n.prev == null) {
            level.head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            level.tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        level.total -= n.quantity;
        if (level.head == null) {
            (n.side == Side.BUY ? bids : asks).remove(level.price);
        }
        byId.remove(n.id);
        n.prev = null;
        n.next = null;
    }
}
