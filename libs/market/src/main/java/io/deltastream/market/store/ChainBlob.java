package io.deltastream.market.store;

import com.github.luben.zstd.Zstd;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.OptionType;
import io.deltastream.market.wire.SviParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One enriched chain as a compact, lossless binary row: columnar (one column per field and side), each column
 * encoded against the previous strike (doubles XOR-ed bit for bit, integers as differences) and split into byte
 * planes so that the unchanged high bytes of neighbouring strikes line up, then compressed with zstd.
 *
 * <p>Each row decodes alone, with no reference to earlier snapshots of the chain: retention can then drop any row
 * (the one-minute downsampling keeps one row in sixty) and a reader of one snapshot reads one row. Every double,
 * NaN included, and every instant to the nanosecond come back exactly.
 *
 * <pre>
 * header: int magic "DSC1", byte version, int raw length, int CRC-32 of raw; then zstd(raw)
 * raw: product, expiry, times, strike count n, scalars, smile, strikes[n],
 *      per side: bid, ask, last, iv, delta, gamma, vega, theta, rho, price_change (double columns),
 *                volume, open_interest, oi_change (long columns), buildup (n bytes), own quote times (optional)
 * </pre>
 */
public final class ChainBlob {
    private static final int MAGIC = 0x44534331;
    private static final byte VERSION = 1;
    private static final int HEADER = 13;
    /** zstd level: 3 (its default) compresses these rows within a few percent of level 9 at several times the speed. */
    private static final int LEVEL = 3;
    private static final int MAX_STRIKES = 10_000;
    private static final int MAX_RAW = 64 << 20;

    private ChainBlob() {
    }

    /** The compressed row of {@code chain}. */
    public static byte[] encode(EnrichedChain c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + c.strikes().length * 240);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(c.product());
            out.writeLong(c.expiry().toEpochDay());
            writeInstant(out, c.timestamp());
            writeInstant(out, c.processedAt());
            int n = c.strikes().length;
            out.writeInt(n);
            for (double v : new double[] {c.spotPrice(), c.pcrOi(), c.pcrVolume(), c.atmStrike(), c.atmStraddlePrice(),
                c.maxPainStrike(), c.yearsToExpiry(), c.forward(), c.atmIv(), c.ivSkew(), c.expectedMove()}) {
                out.writeDouble(v);
            }
            for (long v : new long[] {c.totalCallOi(), c.totalPutOi(), c.callBuildupOtm(), c.putBuildupOtm(),
                c.totalCallOiChange(), c.totalPutOiChange()}) {
                out.writeLong(v);
            }
            SviParams s = c.smile();
            out.writeBoolean(s != null);
            if (s != null) {
                for (double v : new double[] {s.a(), s.b(), s.rho(), s.m(), s.sigma(), s.rmse()}) {
                    out.writeDouble(v);
                }
            }
            writeDoubles(out, c.strikes());
            writeSide(out, c.calls(), c.timestamp());
            writeSide(out, c.puts(), c.timestamp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] raw = bytes.toByteArray();
        byte[] packed = Zstd.compress(raw, LEVEL);
        return ByteBuffer.allocate(HEADER + packed.length).putInt(MAGIC).put(VERSION).putInt(raw.length)
                .putInt(crc(raw)).put(packed).array();
    }

    /**
     * The chain a row holds.
     *
     * @throws IllegalArgumentException naming what is wrong when the row is not one this class wrote (truncated,
     *                                  altered, another format)
     */
    public static EnrichedChain decode(byte[] blob) {
        if (blob.length < HEADER) {
            throw new IllegalArgumentException("corrupt chain row: " + blob.length + " bytes is shorter than the header");
        }
        ByteBuffer header = ByteBuffer.wrap(blob, 0, HEADER);
        if (header.getInt() != MAGIC || header.get() != VERSION) {
            throw new IllegalArgumentException("corrupt chain row: not a version " + VERSION + " chain row");
        }
        int rawLength = header.getInt();
        int crc = header.getInt();
        if (rawLength < 0 || rawLength > MAX_RAW) {
            throw new IllegalArgumentException("corrupt chain row: raw length " + rawLength);
        }
        byte[] raw;
        try {
            raw = Zstd.decompress(java.util.Arrays.copyOfRange(blob, HEADER, blob.length), rawLength);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("corrupt chain row: zstd: " + e.getMessage(), e);
        }
        if (raw.length != rawLength) {
            throw new IllegalArgumentException("corrupt chain row: " + raw.length + " bytes decompressed, "
                    + rawLength + " expected");
        }
        // zstd frames carry no checksum by default: without this a flipped bit in a literal is a silently wrong price.
        if (crc(raw) != crc) {
            throw new IllegalArgumentException("corrupt chain row: checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
            EnrichedChain chain = read(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("corrupt chain row: " + in.available() + " bytes left over");
            }
            return chain;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("corrupt chain row")) {
                throw iae;
            }
            throw new IllegalArgumentException("corrupt chain row: " + e, e);
        }
    }

    private static EnrichedChain read(DataInputStream in) throws IOException {
        String product = in.readUTF();
        LocalDate expiry = LocalDate.ofEpochDay(in.readLong());
        Instant time = readInstant(in);
        Instant processedAt = readInstant(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_STRIKES) {
            throw new IllegalArgumentException("corrupt chain row: " + n + " strikes");
        }
        double[] d = new double[11];
        for (int i = 0; i < d.length; i++) {
            d[i] = in.readDouble();
        }
        long[] l = new long[6];
        for (int i = 0; i < l.length; i++) {
            l[i] = in.readLong();
        }
        SviParams smile = in.readBoolean() ? new SviParams(in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble()) : null;
        double[] strikes = readDoubles(in, n);
        List<EnrichedQuote> calls = readSide(in, OptionType.CALL, product, expiry, strikes, time);
        List<EnrichedQuote> puts = readSide(in, OptionType.PUT, product, expiry, strikes, time);
        return new EnrichedChain(product, expiry, d[0], strikes, d[1], d[2], d[3], d[4], d[5], l[0], l[1], l[2], l[3],
                calls, puts, time, processedAt, d[6], d[7], d[8], d[9], d[10], l[4], l[5], smile);
    }

    private static void writeSide(DataOutputStream out, List<EnrichedQuote> side, Instant chainTime) throws IOException {
        int n = side.size();
        double[][] numbers = new double[10][n];
        long[][] integers = new long[3][n];
        byte[] buildup = new byte[n];
        boolean ownTimes = false;
        for (int i = 0; i < n; i++) {
            EnrichedQuote e = side.get(i);
            OptionQuote q = e.quote();
            double[] v = {q.bid(), q.ask(), q.last(), q.iv(), q.delta(), q.gamma(), q.vega(), q.theta(), e.rho(),
                e.priceChange()};
            for (int f = 0; f < v.length; f++) {
                numbers[f][i] = v[f];
            }
            integers[0][i] = q.volume();
            integers[1][i] = q.openInterest();
            integers[2][i] = e.oiChange();
            buildup[i] = (byte) e.buildup().ordinal();
            ownTimes |= !q.timestamp().equals(chainTime);
        }
        for (double[] column : numbers) {
            writeDoubles(out, column);
        }
        for (long[] column : integers) {
            writeLongs(out, column);
        }
        out.write(buildup);
        out.writeBoolean(ownTimes);
        if (ownTimes) {
            for (EnrichedQuote e : side) {
                writeInstant(out, e.quote().timestamp());
            }
        }
    }

    private static List<EnrichedQuote> readSide(DataInputStream in, OptionType type, String product, LocalDate expiry,
                                                double[] strikes, Instant chainTime) throws IOException {
        int n = strikes.length;
        double[][] numbers = new double[10][];
        for (int f = 0; f < numbers.length; f++) {
            numbers[f] = readDoubles(in, n);
        }
        long[] volume = readLongs(in, n);
        long[] oi = readLongs(in, n);
        long[] oiChange = readLongs(in, n);
        byte[] buildup = new byte[n];
        in.readFully(buildup);
        Buildup[] kinds = Buildup.values();
        Instant[] times = null;
        if (in.readBoolean()) {
            times = new Instant[n];
            for (int i = 0; i < n; i++) {
                times[i] = readInstant(in);
            }
        }
        List<EnrichedQuote> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (buildup[i] < 0 || buildup[i] >= kinds.length) {
                throw new IllegalArgumentException("corrupt chain row: build-up code " + buildup[i]);
            }
            OptionQuote q = new OptionQuote(OptionSymbol.format(product, expiry, type, strikes[i]), product, strikes[i],
                    expiry, type, numbers[0][i], numbers[1][i], numbers[2][i], volume[i], oi[i], numbers[4][i],
                    numbers[5][i], numbers[6][i], numbers[7][i], numbers[3][i], times == null ? chainTime : times[i]);
            out.add(new EnrichedQuote(q, numbers[8][i], oiChange[i], numbers[9][i], kinds[buildup[i]]));
        }
        return out;
    }

    /** Bits XOR-ed with the previous value's: neighbouring strikes share sign, exponent and leading mantissa. */
    private static void writeDoubles(DataOutputStream out, double[] column) throws IOException {
        long[] bits = new long[column.length];
        long previous = 0;
        for (int i = 0; i < column.length; i++) {
            long b = Double.doubleToRawLongBits(column[i]);
            bits[i] = b ^ previous;
            previous = b;
        }
        writePlanes(out, bits);
    }

    private static double[] readDoubles(DataInputStream in, int n) throws IOException {
        long[] bits = readPlanes(in, n);
        double[] column = new double[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous ^= bits[i];
            column[i] = Double.longBitsToDouble(previous);
        }
        return column;
    }

    /** Differences from the previous value: volumes and open interest of neighbouring strikes are close. */
    private static void writeLongs(DataOutputStream out, long[] column) throws IOException {
        long[] deltas = new long[column.length];
        long previous = 0;
        for (int i = 0; i < column.length; i++) {
            deltas[i] = column[i] - previous;
            previous = column[i];
        }
        writePlanes(out, deltas);
    }

    private static long[] readLongs(DataInputStream in, int n) throws IOException {
        long[] deltas = readPlanes(in, n);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += deltas[i];
            deltas[i] = previous;
        }
        return deltas;
    }

    /** Byte plane by byte plane, most significant first: runs of equal (mostly zero) bytes for zstd. */
    private static void writePlanes(DataOutputStream out, long[] values) throws IOException {
        for (int shift = 56; shift >= 0; shift -= 8) {
            for (long v : values) {
                out.write((int) (v >>> shift));
            }
        }
    }

    private static long[] readPlanes(DataInputStream in, int n) throws IOException {
        long[] values = new long[n];
        for (int shift = 56; shift >= 0; shift -= 8) {
            for (int i = 0; i < n; i++) {
                values[i] |= (long) in.readUnsignedByte() << shift;
            }
        }
        return values;
    }

    private static int crc(byte[] raw) {
        CRC32 crc = new CRC32();
        crc.update(raw);
        return (int) crc.getValue();
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
