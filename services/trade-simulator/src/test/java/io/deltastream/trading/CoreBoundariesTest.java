package io.deltastream.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trading core stays pure (no JSON, HTTP, store, bus or lock) and the simulator's packages form no cycle, read
 * from the sources' imports.
 */
class CoreBoundariesTest {
    private static final Path ROOT = Path.of("src/main/java/io/deltastream/trading");
    private static final String BASE = "io.deltastream.trading";
    private static final List<String> CORE = List.of("oms", "risk", "matching", "portfolio", "instrument");
    private static final List<String> FORBIDDEN_IN_CORE = List.of("com.fasterxml.", "io.helidon.",
            "io.deltastream.platform.http.", "io.deltastream.platform.json.", "io.deltastream.store.",
            "io.deltastream.bus.", "io.deltastream.trading.persistence.", "io.deltastream.trading.api.",
            "java.util.concurrent.locks.");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    @Test
    void theCoreImportsNoJsonHttpStoreBusOrLock() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : CORE) {
            for (Path file : sources(ROOT.resolve(pkg))) {
                for (String imported : imports(file)) {
                    for (String forbidden : FORBIDDEN_IN_CORE) {
                        if ((imported + ".").startsWith(forbidden)) {
                            violations.add(ROOT.relativize(file) + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * No package depends on itself through others. The root package (the service's composition root and its
     * configuration) sees every package by design and is left out.
     */
    @Test
    void theSimulatorsPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> out = new TreeSet<>();
                for (Path file : sources(dir)) {
                    for (String imported : imports(file)) {
                        if (imported.startsWith(BASE + ".")) {
                            String target = imported.substring(BASE.length() + 1).split("\\.")[0];
                            if (!target.equals(pkg) && Files.isDirectory(ROOT.resolve(target))) {
                                out.add(target);
                            }
                        }
                    }
                }
                uses.put(pkg, out);
            }
        }
        assertThat(uses).containsKeys("oms", "risk", "feed", "portfolio", "api");
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            if (reaches(uses, start, start, new HashSet<>())) {
                cycles.add(start + " depends on itself: " + uses);
            }
        }
        assertThat(cycles).isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> imports(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
