package io.deltastream.market.store;

import com.github.luben.zstd.Zstd;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.SviParams;
import io.deltastream.quant.pricing.OptionType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One enriched chain as a compact, lossless binary row: columnar (one column per field and side), doubles as
 * decimals ({@code m / 10^s}, see {@link #writeDoubles}), integers as varint differences from the previous strike's,
 * then compressed with zstd.
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
    /** The scale byte of a double stored as its raw bits. */
    private static final byte RAW = (byte) 0xFF;
    /** 10^0 .. 10^17, each exact as a double. */
    private static final double[] POWERS = new double[18];
    /** Integers up to 2^53 are exact as doubles. */
    private static final double MAX_EXACT = 0x1p53;

    static {
        for (int s = 0; s < POWERS.length; s++) {
            POWERS[s] = Math.pow(10, s);
        }
    }

    private ChainBlob() {
    }

    /** The compressed row of {@code chain}. */
    public static byte[] encode(EnrichedChain c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + c.strikes().length * 240);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] product = c.product().getBytes(StandardCharsets.UTF_8);
            out.writeShort(product.length);
            out.write(product);
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
        // A ByteBuffer rather than a DataInputStream: the stream's reads are synchronized, one call per byte.
        ByteBuffer in = ByteBuffer.wrap(raw);
        try {
            EnrichedChain chain = read(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("corrupt chain row: " + in.remaining() + " bytes left over");
            }
            return chain;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("corrupt chain row")) {
                throw iae;
            }
            throw new IllegalArgumentException("corrupt chain row: " + e, e);
        }
    }

    private static EnrichedChain read(ByteBuffer in) {
        byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(name);
        String product = new String(name, StandardCharsets.UTF_8);
        LocalDate expiry = LocalDate.ofEpochDay(in.getLong());
        Instant time = readInstant(in);
        Instant processedAt = readInstant(in);
        int n = in.getInt();
        if (n < 0 || n > MAX_STRIKES) {
            throw new IllegalArgumentException("corrupt chain row: " + n + " strikes");
        }
        double[] d = new double[11];
        for (int i = 0; i < d.length; i++) {
            d[i] = in.getDouble();
        }
        long[] l = new long[6];
        for (int i = 0; i < l.length; i++) {
            l[i] = in.getLong();
        }
        SviParams smile = (in.get() != 0) ? new SviParams(in.getDouble(), in.getDouble(), in.getDouble(),
                in.getDouble(), in.getDouble(), in.getDouble()) : null;
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

    private static List<EnrichedQuote> readSide(ByteBuffer in, OptionType type, String product, LocalDate expiry,
                                                double[] strikes, Instant chainTime) {
        int n = strikes.length;
        double[][] numbers = new double[10][];
        for (int f = 0; f < numbers.length; f++) {
            numbers[f] = readDoubles(in, n);
        }
        long[] volume = readLongs(in, n);
        long[] oi = readLongs(in, n);
        long[] oiChange = readLongs(in, n);
        byte[] buildup = new byte[n];
        in.get(buildup);
        Buildup[] kinds = Buildup.values();
        Instant[] times = null;
        if (in.get() != 0) {
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

    /**
     * A double column as decimals: prices sit on a tick grid and the enricher rounds IVs and Greeks to 6 significant
     * digits, so nearly every value is {@code m / 10^s} for a small integer {@code m}. Per value one scale byte
     * ({@code s}, or {@link #RAW} for the 8 raw bytes of a value that is not such a decimal: NaN, infinities, -0.0,
     * full-precision doubles), then {@code m} as a zig-zag varint of its difference from the previous value's. The
     * encoder checks that {@code m / 10^s} gives back the very same bits, and the decoder computes that same
     * expression, so every double returns exactly.
     */
    static void writeDoubles(DataOutputStream out, double[] column) throws IOException {
        int n = column.length;
        byte[] scales = new byte[n];
        long[] mantissas = new long[n];
        for (int i = 0; i < n; i++) {
            scales[i] = RAW;
            double v = column[i];
            for (int s = 0; s < POWERS.length && Double.isFinite(v); s++) {
                double scaled = Math.rint(v * POWERS[s]);
                // The decoder's very expression: a long (so -0.0 cannot pass as 0) divided by the power.
                long m = (long) scaled;
                if (Math.abs(scaled) < MAX_EXACT && Double.doubleToRawLongBits(m / POWERS[s])
                        == Double.doubleToRawLongBits(v)) {
                    scales[i] = (byte) s;
                    mantissas[i] = m;
                    break;
                }
            }
        }
        out.write(scales);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            if (scales[i] == RAW) {
                out.writeLong(Double.doubleToRawLongBits(column[i]));
            } else {
                writeVarint(out, mantissas[i] - previous);
                previous = mantissas[i];
            }
        }
    }

    static double[] readDoubles(ByteBuffer in, int n) {
        byte[] scales = new byte[n];
        in.get(scales);
        double[] column = new double[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            if (scales[i] == RAW) {
                column[i] = Double.longBitsToDouble(in.getLong());
            } else if (scales[i] >= 0 && scales[i] < POWERS.length) {
                previous += readVarint(in);
                column[i] = previous / POWERS[scales[i]];
            } else {
                throw new IllegalArgumentException("corrupt chain row: decimal scale " + scales[i]);
            }
        }
        return column;
    }

    /** Differences from the previous value: volumes and open interest of neighbouring strikes are close. */
    private static void writeLongs(DataOutputStream out, long[] column) throws IOException {
        long previous = 0;
        for (long v : column) {
            writeVarint(out, v - previous);
            previous = v;
        }
    }

    private static long[] readLongs(ByteBuffer in, int n) {
        long[] column = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            previous += readVarint(in);
            column[i] = previous;
        }
        return column;
    }

    /** Zig-zag (small magnitudes of either sign take few bytes), then 7 bits a byte, low bits first. */
    static void writeVarint(DataOutputStream out, long v) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }

    static long readVarint(ByteBuffer in) {
        long z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = Byte.toUnsignedInt(in.get());
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (z >>> 1) ^ -(z & 1);
            }
        }
        throw new IllegalArgumentException("corrupt chain row: varint longer than 64 bits");
    }

    static int crc(byte[] raw) {
        CRC32 crc = new CRC32();
        crc.update(raw);
        return (int) crc.getValue();
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
