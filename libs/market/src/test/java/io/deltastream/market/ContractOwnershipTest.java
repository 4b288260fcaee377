package io.deltastream.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The market-data contract has one owner, read from the repository's main sources: one reader and one writer (the
 * enricher) of the latest chains, one definition of each type shared by {@code libs/quant} and {@code libs/market}, and library
 * arrows that point down (quant depends on no other module; the wire records depend on no store or bus).
 */
class ContractOwnershipTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Path LIVE_CHAINS = REPO.resolve(
            "libs/market/src/main/java/io/deltastream/market/live/LiveChains.java");
    /** The enricher writes the latest chains and their index: their one writer. */
    private static final Path WRITER = REPO.resolve("services/worker-enricher/src/main/java");
    /** Load drivers seed the cache as the enricher would, to measure its readers without the pipeline. */
    private static final Path BENCH = REPO.resolve("bench/src/main/java");
    private static final Pattern LATEST_CHAIN_KEYS = Pattern.compile("CacheKeys\\.(latestChain|expiriesIndex)\\(");
    private static final Pattern LATEST_CHAIN_WRITE = Pattern.compile(
            "\\.(set|setIfAbsent|indexPut|indexRemoveBelow|delete)\\(\\s*CacheKeys\\.(latestChain|expiriesIndex)\\(");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^\\s*(?:public |protected |private |static |final |abstract |sealed |non-sealed )*"
                    + "(?:class|interface|enum|record|@interface) (\\w+)", Pattern.MULTILINE);

    @Test
    void onlyLiveChainsReadsTheLatestChainKeysAndOnlyTheEnricherWritesThem() {
        List<String> readers = new ArrayList<>();
        List<String> writers = new ArrayList<>();
        for (Path file : mainSources()) {
            String text = read(file);
            int mentions = count(LATEST_CHAIN_KEYS, text);
            int writes = count(LATEST_CHAIN_WRITE, text);
            if (mentions > writes && !file.equals(LIVE_CHAINS) && !file.startsWith(WRITER)) {
                readers.add(REPO.relativize(file).toString());
            }
            if (writes > 0 && !file.startsWith(WRITER) && !file.startsWith(BENCH)) {
                writers.add(REPO.relativize(file).toString());
            }
        }
        assertThat(count(LATEST_CHAIN_KEYS, read(LIVE_CHAINS))).isPositive();
        assertThat(count(LATEST_CHAIN_WRITE, read(WRITER.resolve(
                "io/deltastream/enricher/MarketHandler.java")))).isPositive();
        assertThat(readers).as("main sources that read latest:chain:* or index:expiries:* themselves").isEmpty();
        assertThat(writers).as("main sources besides the enricher that write latest:chain:* or index:expiries:*")
                .isEmpty();
    }

    @Test
    void quantAndMarketDefineNoTypeTwice() {
        Set<String> quant = typeNames(REPO.resolve("libs/quant/src/main/java"));
        Set<String> market = typeNames(REPO.resolve("libs/market/src/main/java"));
        assertThat(quant).contains("OptionType", "ChainAnalyzer");
        assertThat(market).contains("EnrichedChain", "Buildup");
        Set<String> twins = new TreeSet<>(quant);
        twins.retainAll(market);
        assertThat(twins).as("types defined in both libs/quant and libs/market").isEmpty();
    }

    @Test
    void quantDependsOnNoOtherModuleAndTheWireOnNoStoreOrBus() {
        List<String> wrongArrows = new ArrayList<>();
        for (Path file : sources(REPO.resolve("libs/quant/src/main/java"))) {
            imports(file).stream().filter(i -> i.startsWith("io.deltastream.") && !i.startsWith("io.deltastream.quant."))
                    .forEach(i -> wrongArrows.add(REPO.relativize(file) + " imports " + i));
        }
        for (Path file : sources(REPO.resolve("libs/market/src/main/java/io/deltastream/market/wire"))) {
            imports(file).stream().filter(i -> i.startsWith("io.deltastream.store.") || i.startsWith("io.deltastream.bus."))
                    .forEach(i -> wrongArrows.add(REPO.relativize(file) + " imports " + i));
        }
        assertThat(wrongArrows).isEmpty();
    }

    /** Every module's main sources: libs, services, the assembly and the benchmarks. */
    private static List<Path> mainSources() {
        List<Path> out = new ArrayList<>();
        for (String group : List.of("libs", "services")) {
            try (Stream<Path> modules = Files.list(REPO.resolve(group))) {
                modules.forEach(m -> out.addAll(sources(m.resolve("src/main/java"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.addAll(sources(REPO.resolve("app/src/main/java")));
        out.addAll(sources(REPO.resolve("bench/src/main/java")));
        assertThat(out).as("main sources under " + REPO).hasSizeGreaterThan(100);
        return out;
    }

    private static List<Path> sources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the top-level and nested types declared under {@code dir}. */
    private static Set<String> typeNames(Path dir) {
        Set<String> names = new TreeSet<>();
        for (Path file : sources(dir)) {
            Matcher m = TYPE.matcher(read(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> imports(Path file) {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(read(file));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
