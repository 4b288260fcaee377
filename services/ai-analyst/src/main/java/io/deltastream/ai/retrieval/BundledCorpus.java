package io.deltastream.ai.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The documents the build bundles under {@code ai-corpus/} (see this module's pom): {@code README.md},
 * {@code docs/*.md} and {@code knowledge/*.md}, read from the class path whether it is a directory (tests, IDE) or a
 * jar (the app), each named by its repository path.
 */
public final class BundledCorpus {
    static final String ROOT = "ai-corpus";
    /** Found whatever else is bundled, so the root can be located on the class path. */
    private static final String ANCHOR = ROOT + "/README.md";

    private BundledCorpus() {
    }

    /** Every bundled document's passages, documents in path order; fails when the corpus is missing. */
    public static List<Passage> passages() {
        URL anchor = BundledCorpus.class.getClassLoader().getResource(ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException("the bundled corpus " + ANCHOR + " is missing from the class path");
        }
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/" + ROOT));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class path location " + anchor, e);
        }
    }

    private static List<Passage> read(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList();
        }
        List<Passage> out = new ArrayList<>();
        for (Path file : files) {
            String source = root.relativize(file).toString().replace('\\', '/');
            out.addAll(MarkdownPassages.split(source, Files.readString(file, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
