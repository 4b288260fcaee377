package io.deltastream.bench.rest;

import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import io.deltastream.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The uncached latest-chain read of the storage service ({@code GET /option/chain/{product}?expiry=..&limit=1} when
 * neither the cache nor the memo has it): the newest {@code option_chains} row of a product and expiry from a SQLite
 * file opened as the services open it, decoded and encoded as the reference's chain JSON. The file holds 150
 * snapshots of each of 4 expiries of a NIFTY chain of {@code strikes} strikes; the page cache is warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoredChainReadBenchmark {
    private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 31);

    @Param({"41", "101"})
    public int strikes;

    private Path dir;
    private SqliteStore store;
    private DocumentCollection chains;
    private Filter latest;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("chain-read");
        store = new SqliteStore(dir.resolve(MarketCollections.DATABASE + ".db"), false, MarketCollections.SQLITE_PAGE_BYTES);
        chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
        Instant t0 = Instant.parse("2026-12-07T04:00:00Z");
        for (int s = 0; s < 150; s++) {
            for (int e = 0; e < 4; e++) {
                LocalDate expiry = EXPIRY.plusWeeks(e);
                chains.insert(StoredChain.toDocument("r-" + s + "-" + e,
                        BenchMarketData.chain(expiry, 21_500 + s % 40, t0.plusSeconds(s), strikes / 2)));
            }
        }
        latest = Filter.eq("product", "NIFTY").and("expiry", EXPIRY.toString());
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The store's part alone: row lookup by index, document, chain decode. */
    @Benchmark
    public EnrichedChain latestChain() {
        return StoredChain.fromDocument(chains.latest(latest).orElseThrow());
    }

    /** Row lookup by index, document parse, chain decode and JSON render: what an uncached read costs. */
    @Benchmark
    public String latestChainJson() {
        return WireCodec.encode(StoredChain.fromDocument(chains.latest(latest).orElseThrow()));
    }
}
