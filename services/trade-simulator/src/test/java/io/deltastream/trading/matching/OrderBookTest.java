package io.deltastream.trading.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    /** Everything a book reports, as comparable text. */
    static final class Recorder implements FillListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onFill(long takerId, long makerId, Side takerSide, long priceTicks, long quantity) {
            events.add("fill " + takerId + "/" + makerId + " " + takerSide + " " + quantity + "@" + priceTicks);
        }

        @Override
        public void onSelfTradeCancel(long restingId) {
            events.add("stp " + restingId);
        }
    }

    @Test
    void priceThenTimePriorityAtTheMakersPrice() {
        OrderBook book = new OrderBook();
        Recorder r = new Recorder();
        book.place(1, 10, Side.SELL, 101, 5, true, r);
        book.place(2, 11, Side.SELL, 100, 5, true, r);
        book.place(3, 12, Side.SELL, 100, 5, true, r);
        assertThat(r.events).isEmpty();
        long filled = book.place(4, 13, Side.BUY, 101, 12, true, r);
        assertThat(filled).isEqualTo(12);
        assertThat(r.events).containsExactly("fill 4/2 BUY 5@100", "fill 4/3 BUY 5@100", "fill 4/1 BUY 2@101");
        assertThat(book.restingQuantity(1)).isEqualTo(3);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(book.bestBid()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void syntheticLiquidityIsConsumedAndUserOrdersComeFirstAtEqualPrice() {
        OrderBook book = new OrderBook();
        Recorder r = new Recorder();
        book.setSynthetic(new long[] {99, 98}, new long[] {10, 20}, new long[] {100, 101}, new long[] {10, 20}, r);
        book.place(1, 10, Side.SELL, 100, 3, true, r);
        book.place(2, 11, Side.BUY, OrderBook.MARKET_BUY, 20, false, r);
        assertThat(r.events).containsExactly("fill 2/1 BUY 3@100", "fill 2/0 BUY 10@100", "fill 2/0 BUY 7@101");
        r.events.clear();
        // The consumed quote does not fill again until the next tick.
        book.place(3, 11, Side.BUY, 100, 5, true, r);
        assertThat(r.events).isEmpty();
        assertThat(book.restingQuantity(3)).isEqualTo(5);
        // The next tick's ask at 99 moves through the resting bid, which fills at its own price.
        book.setSynthetic(new long[] {98}, new long[] {10}, new long[] {99}, new long[] {4}, r);
        assertThat(r.events).containsExactly("fill 0/3 SELL 4@100");
        assertThat(book.restingQuantity(3)).isEqualTo(1);
    }

    @Test
    void marketOrderSweepsWithSlippageAndLeavesTheRestUnfilled() {
        OrderBook book = new OrderBook();
        Recorder r = new Recorder();
        book.setSynthetic(new long[0], new long[0], new long[] {100, 102, 104}, new long[] {5, 5, 5}, r);
        long filled = book.place(1, 1, Side.BUY, OrderBook.MARKET_BUY, 20, false, r);
        assertThat(filled).isEqualTo(15);
        assertThat(r.events).containsExactly("fill 1/0 BUY 5@100", "fill 1/0 BUY 5@102", "fill 1/0 BUY 5@104");
        assertThat(book.restingOrders()).isZero();
    }

    @Test
    void selfTradePreventionRemovesTheRestingOrder() {
        OrderBook book = new OrderBook();
        Recorder r = new Recorder();
        book.place(1, 7, Side.SELL, 100, 5, true, r);
        book.place(2, 8, Side.SELL, 100, 5, true, r);
        book.place(3, 7, Side.BUY, 100, 5, true, r);
        assertThat(r.events).containsExactly("stp 1", "fill 3/2 BUY 5@100");
    }

    @Test
    void modifyKeepsPriorityOnlyWhenReducingAtTheSamePrice() {
        OrderBook book = new OrderBook();
        Recorder r = new Recorder();
        book.place(1, 1, Side.BUY, 100, 5, true, r);
        book.place(2, 2, Side.BUY, 100, 5, true, r);
        book.modify(1, 100, 3, r);
        book.place(3, 3, Side.SELL, 100, 3, true, r);
        assertThat(r.events).containsExactly("fill 3/1 SELL 3@100");
        r.events.clear();
        book.place(4, 4, Side.BUY, 100, 5, true, r);
        book.modify(2, 100, 6, r);
        book.place(5, 5, Side.SELL, 100, 5, true, r);
        assertThat(r.events).containsExactly("fill 5/4 SELL 5@100");
        assertThat(book.modify(99, 100, 1, r)).isEqualTo(-1);
    }

    @Test
    void randomizedAgainstTheOracle() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            OrderBook fast = new OrderBook();
            OracleBook oracle = new OracleBook();
            Recorder rf = new Recorder();
            Recorder ro = new Recorder();
            List<Long> ids = new ArrayList<>();
            long nextId = 1;
            for (int step = 0; step < 3_000; step++) {
                int op = rnd.nextInt(100);
                if (op < 45) {
                    long id = nextId++;
                    ids.add(id);
                    Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                    long owner = rnd.nextInt(6);
                    long qty = 1 + rnd.nextInt(20);
                    boolean market = rnd.nextInt(10) == 0;
                    long limit = market ? (side == Side.BUY ? OrderBook.MARKET_BUY : OrderBook.MARKET_SELL)
                            : 90 + rnd.nextInt(21);
                    boolean rest = !market && rnd.nextInt(5) != 0;
                    assertThat(fast.place(id, owner, side, limit, qty, rest, rf))
                            .isEqualTo(oracle.place(id, owner, side, limit, qty, rest, ro));
                } else if (op < 65 && !ids.isEmpty()) {
                    long id = ids.get(rnd.nextInt(ids.size()));
                    assertThat(fast.cancel(id)).isEqualTo(oracle.cancel(id));
                } else if (op < 85 && !ids.isEmpty()) {
                    long id = ids.get(rnd.nextInt(ids.size()));
                    long limit = 90 + rnd.nextInt(21);
                    long qty = 1 + rnd.nextInt(20);
                    assertThat(fast.modify(id, limit, qty, rf)).isEqualTo(oracle.modify(id, limit, qty, ro));
                } else {
                    long mid = 95 + rnd.nextInt(11);
                    int n = rnd.nextInt(4);
                    long[] bp = new long[n];
                    long[] bq = new long[n];
                    long[] ap = new long[n];
                    long[] aq = new long[n];
                    for (int i = 0; i < n; i++) {
                        bp[i] = mid - 1 - i;
                        ap[i] = mid + 1 + i;
                        bq[i] = rnd.nextInt(15);
                        aq[i] = rnd.nextInt(15);
                    }
                    fast.setSynthetic(bp, bq, ap, aq, rf);
                    oracle.setSynthetic(bp, bq, ap, aq, ro);
                }
                assertThat(rf.events).as("seed %d step %d", seed, step).isEqualTo(ro.events);
                assertThat(fast.bestBid()).isEqualTo(oracle.bestBid());
                assertThat(fast.bestAsk()).isEqualTo(oracle.bestAsk());
            }
            for (long id : ids) {
                assertThat(fast.restingQuantity(id)).isEqualTo(oracle.restingQuantity(id));
            }
        }
    }
}
