package io.deltastream.trading.oms;

import io.deltastream.trading.feed.Quote;
import io.deltastream.trading.instrument.Instrument;
import java.util.Arrays;

/** The feed's liquidity as book ladders: what the simulator's books trade against. */
final class SyntheticDepth {
    private SyntheticDepth() {
    }

    /**
     * The synthetic depth of a quote: {@code levels} levels per side from the quoted bid and ask outwards,
     * spaced by half the spread (at least one tick), with {@code lots * (i + 1)} lots at level i.
     */
    static long[][] ladders(Instrument inst, Quote q, int levels, int lots) {
        long bid = q.bid() > 0 ? inst.toTicks(q.bid()) : 0;
        long ask = q.ask() > 0 ? inst.toTicks(q.ask()) : 0;
        long step = bid > 0 && ask > bid ? Math.max(1, (ask - bid) / 2) : 1;
        int nb = 0;
        long[] bp = new long[levels];
        long[] bq = new long[levels];
        for (int i = 0; i < levels && bid > 0 && bid - i * step > 0; i++) {
            bp[i] = bid - i * step;
            bq[i] = (long) lots * (i + 1) * inst.lotSize();
            nb++;
        }
        int na = 0;
        long[] ap = new long[levels];
        long[] aq = new long[levels];
        for (int i = 0; i < levels && ask > 0; i++) {
            ap[i] = ask + i * step;
            aq[i] = (long) lots * (i + 1) * inst.lotSize();
            na++;
        }
        return new long[][] {Arrays.copyOf(bp, nb), Arrays.copyOf(bq, nb),
            Arrays.copyOf(ap, na), Arrays.copyOf(aq, na)};
    }
}
