package io.deltastream.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/** YAML files of the repository as plain maps and lists (SnakeYAML: anchors, aliases and merge keys resolved). */
final class Yaml {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([?-])([^}]*))?}");

    private Yaml() {
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return map(new org.yaml.snakeyaml.Yaml(new LoaderOptions()).load(in));
        }
    }

    /** Every document of a multi-document file (Kubernetes manifests), empty ones left out. */
    static List<Map<String, Object>> loadAll(Path file) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object doc : new org.yaml.snakeyaml.Yaml(new LoaderOptions()).loadAll(in)) {
                if (doc != null) {
                    out.add(map(doc));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    /**
     * Compose's interpolation: {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:?error}} (which fails
     * like compose when NAME is unset).
     */
    static String interpolate(String value, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null || v.isEmpty()) {
                if ("?".equals(m.group(2))) {
                    throw new IllegalStateException("compose would refuse: " + m.group(3));
                }
                v = "-".equals(m.group(2)) ? m.group(3) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
