package io.deltastream.bench.trading;

import io.deltastream.trading.matching.FillListener;
import io.deltastream.trading.matching.OrderBook;
import io.deltastream.trading.matching.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A recorded stream of book operations with a realistic mix, generated against a live book so that every cancel and
 * modify names an order that is resting at that point: 30% new DAY limit orders (some crossing), 4% IOC, 4% market,
 * 20% cancels, 41% modifications (3/4 price/size changes that re-queue, 1/4 size
 * reductions that keep priority), 1% feed ticks replacing the synthetic
 * ladders. About 1,000 resting orders over ~100 price levels. Replaying it on a fresh book reproduces the same states.
 */
final class OrderFlow {
    static final byte PLACE = 0;
    static final byte IOC = 1;
    static final byte MARKET = 2;
    static final byte CANCEL = 3;
    static final byte MODIFY = 4;
    static final byte TICK = 5;

    final byte[] op;
    final long[] id;
    final long[] owner;
    final boolean[] buy;
    final long[] price;
    final long[] quantity;
    /** Feed ticks: {bid prices, ask prices}, five levels each. */
    final long[][][] ladders;
    private static final long[] LADDER_QTY = {20, 40, 60, 80, 100};
    final int size;

    private OrderFlow(int size) {
        this.size = size;
        op = new byte[size];
        id = new long[size];
        owner = new long[size];
        buy = new boolean[size];
        price = new long[size];
        quantity = new long[size];
        ladders = new long[64][][];
    }

    /** Generates {@code size} operations from {@code seed}. */
    static OrderFlow generate(int size, long seed) {
        OrderFlow f = new OrderFlow(size);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < f.ladders.length; t++) {
            long mid = 1000 + rnd.nextInt(21) - 10;
            f.ladders[t] = new long[][] {{mid - 2, mid - 3, mid - 4, mid - 5, mid - 6},
                {mid + 2, mid + 3, mid + 4, mid + 5, mid + 6}};
        }
        OrderBook book = new OrderBook();
        List<Long> active = new ArrayList<>();
        Map<Long, Integer> where = new HashMap<>();
        var tracker = new FillListener() {
            @Override
            public void onFill(long takerId, long makerId, Side takerSide, long priceTicks, long qty) {
                if (makerId != SYNTHETIC && book.restingQuantity(makerId) == 0) {
                    drop(makerId);
                }
            }

            @Override
            public void onSelfTradeCancel(long restingId) {
                drop(restingId);
            }

            void drop(long orderId) {
                Integer i = where.remove(orderId);
                if (i != null) {
                    long last = active.remove(active.size() - 1);
                    if (last != orderId) {
                        active.set(i, last);
                        where.put(last, i);
                    }
                }
            }
        };
        long nextId = 1;
        for (int n = 0; n < size; n++) {
            int r = rnd.nextInt(100);
            boolean full = active.size() > 1_200;
            boolean empty = active.size() < 800;
            byte kind;
            if (r < 1) {
                kind = TICK;
            } else if (r < 31 || (empty && r < 60)) {
                kind = PLACE;
            } else if (r < 35) {
                kind = IOC;
            } else if (r < 39) {
                kind = MARKET;
            } else if (r < 59 || full) {
                kind = active.isEmpty() ? PLACE : CANCEL;
            } else {
                kind = active.isEmpty() ? PLACE : MODIFY;
            }
            f.op[n] = kind;
            boolean isBuy = rnd.nextBoolean();
            f.buy[n] = isBuy;
            f.owner[n] = 1 + rnd.nextInt(50);
            switch (kind) {
                case TICK -> {
                    int t = rnd.nextInt(f.ladders.length);
                    f.id[n] = t;
                    apply(f, n, book, tracker);
                }
                case PLACE, IOC, MARKET -> {
                    long id = nextId++;
                    f.id[n] = id;
                    // Mostly passive: 50 levels either side of 1000, the inner few crossing.
                    long offset = 1 + rnd.nextInt(50);
                    f.price[n] = isBuy ? 1003 - offset : 997 + offset;
                    f.quantity[n] = 1 + rnd.nextInt(10);
                    apply(f, n, book, tracker);
                    if (kind == PLACE && book.restingQuantity(id) > 0) {
                        where.put(id, active.size());
                        active.add(id);
                    }
                }
                case CANCEL -> {
                    long id = active.get(rnd.nextInt(active.size()));
                    f.id[n] = id;
                    apply(f, n, book, tracker);
                    tracker.drop(id);
                }
                default -> {
                    long id = active.get(rnd.nextInt(active.size()));
                    f.id[n] = id;
                    long resting = book.restingQuantity(id);
                    boolean reduce = rnd.nextInt(4) == 0 && resting > 1;
                    f.quantity[n] = reduce ? resting - 1 : 1 + rnd.nextInt(10);
                    f.price[n] = reduce ? book.restingPrice(id) : 950 + rnd.nextInt(101);
                    apply(f, n, book, tracker);
                    if (book.restingQuantity(id) == 0) {
                        tracker.drop(id);
                    }
                }
            }
        }
        return f;
    }

    /** Applies operation {@code n} to {@code book}. A reduction (price -1) keeps the resting price. */
    static void apply(OrderFlow f, int n, OrderBook book, FillListener listener) {
        long id = f.id[n];
        Side side = f.buy[n] ? Side.BUY : Side.SELL;
        switch (f.op[n]) {
            case PLACE -> book.place(id, f.owner[n], side, f.price[n], f.quantity[n], true, listener);
            case IOC -> book.place(id, f.owner[n], side, f.price[n], f.quantity[n], false, listener);
            case MARKET -> book.place(id, f.owner[n], side, f.buy[n] ? OrderBook.MARKET_BUY : OrderBook.MARKET_SELL,
                    f.quantity[n], false, listener);
            case CANCEL -> book.cancel(id);
            case MODIFY -> book.modify(id, f.price[n], f.quantity[n], listener);
            default -> {
                long[][] l = f.ladders[(int) id];
                book.setSynthetic(l[0], LADDER_QTY, l[1], LADDER_QTY, listener);
            }
        }
    }
}
