package io.deltastream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards and Prometheus alert rules under observability/. */
final class Observability {
    private static final Path DIR = ComposeStackTest.ROOT.resolve("observability");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private Observability() {
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("grafana/dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * Every PromQL expression of a dashboard that compose and Kubernetes can fill (they run MongoDB): panel targets,
     * and the metric a label_values() variable reads; the {@linkplain #embeddedOnlyExpressions embedded-only} ones
     * left out.
     */
    static List<String> expressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> out.add(e.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("query").asText());
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        embeddedOnlyExpressions(dashboard).forEach(out::remove);
        return out;
    }

    /** The targets of panels about SQLite files, which only embedded mode has: their description says so. */
    static List<String> embeddedOnlyExpressions(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.findParents("targets")) {
            if (panel.path("description").asText().startsWith("Embedded mode only")) {
                panel.findValues("expr").forEach(e -> out.add(e.asText()));
            }
        }
        return out;
    }

    /** The expressions of the alert rules for every mode. */
    static List<String> alertExpressions() throws IOException {
        return alertExpressions(false);
    }

    /** The expressions of the alert rules labelled {@code mode: embedded} (about SQLite files). */
    static List<String> embeddedOnlyAlertExpressions() throws IOException {
        return alertExpressions(true);
    }

    private static List<String> alertExpressions(boolean embeddedOnly) throws IOException {
        List<String> out = new ArrayList<>();
        for (Object group : Yaml.list(Yaml.load(DIR.resolve("alerts.yml")).get("groups"))) {
            for (Object rule : Yaml.list(Yaml.map(group).get("rules"))) {
                Map<String, Object> r = Yaml.map(rule);
                if ("embedded".equals(Yaml.map(r.get("labels")).get("mode")) == embeddedOnly) {
                    out.add(String.valueOf(r.get("expr")));
                }
            }
        }
        return out;
    }
}
