package io.deltastream.bench.ai;

import io.deltastream.ai.AiAnalystService;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.Effects;
import io.deltastream.market.channel.CacheKeys;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.testkit.TestServices;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code ./deltastream bench ai-pulse [--requests 5000] [--warmup 1000] [--strikes 41]}: the latency of
 * {@code GET /api/ai/pulse?product=NIFTY} over HTTP against the ai-analyst (embedded bus, no language model), one
 * caller on one keep-alive connection, one request at a time. Each request reads the product's expiry index and latest
 * chain from the cache, decodes the chain ({@code strikes} calls and puts) and writes the reading: the whole route,
 * client included.
 */
public final class PulseLoad {
    private PulseLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int requests = Integer.parseInt(opts.getOrDefault("requests", "5000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1000"));
        int strikes = Integer.parseInt(opts.getOrDefault("strikes", "41"));
        try (TestServices services = new TestServices().env("AI_EMBEDDINGS", "false")) {
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            EnrichedChain chain = chain(strikes);
            bus.cache().apply(new Effects()
                    .set(CacheKeys.latestChain("NIFTY", chain.expiry()), WireCodec.encode(chain),
                            CacheKeys.LATEST_TTL)
                    .indexPut(CacheKeys.expiriesIndex("NIFTY"), chain.expiry().toString(),
                            System.currentTimeMillis()));
            RunningService ai = services.start(new AiAnalystService());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(ai.baseUrl() + "/api/ai/pulse?product=NIFTY"))
                    .build();
            Histogram h = new Histogram(60_000_000_000L, 3);
            for (int i = 0; i < warmup + requests; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (r.statusCode() != 200 || !r.body().contains("\"pcr_oi\"")) {
                    throw new IllegalStateException("unexpected answer " + r.statusCode() + ": " + r.body());
                }
                if (i >= warmup) {
                    h.recordValue(took);
                }
            }
            System.out.printf(Locale.ROOT, "GET /api/ai/pulse, %d-strike chain, %d requests after %d warm-up, one "
                            + "at a time: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (load average %.2f)%n",
                    strikes, requests, warmup, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                    h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** A chain around 21,500 in steps of 50, open interest growing away from the money. */
    private static EnrichedChain chain(int n) {
        LocalDate expiry = LocalDate.now().plusDays(7);
        Instant now = Instant.now();
        double[] k = new double[n];
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            k[i] = 21500 + 50 * (i - n / 2);
            long distance = Math.abs(i - n / 2);
            calls.add(quote(expiry, OptionType.CALL, k[i], 40_000 + 6_000 * distance, now));
            puts.add(quote(expiry, OptionType.PUT, k[i], 38_000 + 9_000 * distance, now));
        }
        return new EnrichedChain("NIFTY", expiry, 21510, k, 1.12, 0.94, 21500, 310, 21450, 1, 1, 1, 1, calls, puts,
                now, now, 7 / 365.0, 21530, 0.14, 0.02, 240, 0, 0, null);
    }

    private static EnrichedQuote quote(LocalDate expiry, OptionType type, double strike, long oi, Instant t) {
        OptionQuote q = new OptionQuote(OptionSymbol.format("NIFTY", expiry, type, strike), "NIFTY", strike, expiry,
                type, 80, 81, 80.5, 1000, oi, 0.5, 0.0004, 11, -12, 0.15, t);
        return new EnrichedQuote(q, 1, 0, 0, Buildup.SHORT_BUILDUP);
    }
}
