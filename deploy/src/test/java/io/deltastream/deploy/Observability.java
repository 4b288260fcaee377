package io.deltastream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * Every PromQL expression of a dashboard: panel targets, and the metric a label_values() variable reads. Compose
     * and Kubernetes (MongoDB) must fill them all, as embedded mode does.
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
        return out;
    }

    /** The expressions of the alert rules. */
    static List<String> alertExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        for (Object group : Yaml.list(Yaml.load(DIR.resolve("alerts.yml")).get("groups"))) {
            for (Object rule : Yaml.list(Yaml.map(group).get("rules"))) {
                out.add(String.valueOf(Yaml.map(rule).get("expr")));
            }
        }
        return out;
    }
}
