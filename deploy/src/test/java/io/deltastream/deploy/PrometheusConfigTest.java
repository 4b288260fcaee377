package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.app.ServiceCatalog;
import io.deltastream.platform.service.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Every Prometheus configuration that ships: observability/prometheus.yml (compose: DNS discovery) checked whole by
 * promtool, and k8s/monitoring/prometheus.yml (Kubernetes pod discovery, which Debian's promtool cannot parse)
 * checked by promtool with its discovery replaced by a static target, and its relabelling applied here to the pods
 * of the manifests, as Prometheus would apply it. promtool checks are skipped where promtool is absent.
 */
class PrometheusConfigTest {
    private static final Path OBSERVABILITY = ComposeStackTest.ROOT.resolve("observability");
    private static final Path K8S_CONFIG = ComposeStackTest.ROOT.resolve("k8s/monitoring/prometheus.yml");
    private static final String POD_IP = "10.244.1.7";

    @Test
    void theComposeConfigPassesPromtoolWithItsRules() throws Exception {
        assertThat(AlertRulesTest.promtool(OBSERVABILITY, "promtool", "check", "config", "prometheus.yml"))
                .contains("SUCCESS: prometheus.yml is valid").contains("SUCCESS: 1 rule files found");
    }

    /** Everything but the pod discovery itself: relabel rules (RE2 regexes included), rule files, globals. */
    @Test
    void theKubernetesConfigPassesPromtoolWithAStaticTargetInPlaceOfPodDiscovery(@TempDir Path dir) throws Exception {
        Map<String, Object> config = Yaml.load(K8S_CONFIG);
        for (Object job : Yaml.list(config.get("scrape_configs"))) {
            Map<String, Object> j = Yaml.map(job);
            assertThat(j.remove("kubernetes_sd_configs")).as(j.get("job_name") + " discovers pods").isNotNull();
            j.put("static_configs", List.of(Map.of("targets", List.of(POD_IP + ":8000"))));
        }
        DumperOptions block = new DumperOptions();
        block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(dir.resolve("prometheus.yml"), new org.yaml.snakeyaml.Yaml(block).dump(config));
        Files.copy(OBSERVABILITY.resolve("alerts.yml"), dir.resolve("alerts.yml"));
        assertThat(AlertRulesTest.promtool(dir, "promtool", "check", "config", "prometheus.yml"))
                .contains("SUCCESS: prometheus.yml is valid").contains("SUCCESS: 1 rule files found");
    }

    @Test
    void bothConfigsLoadTheRulesAndTheServiceDownAlertWatchesEveryJob() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (Path config : List.of(OBSERVABILITY.resolve("prometheus.yml"), K8S_CONFIG)) {
            Map<String, Object> c = Yaml.load(config);
            assertThat(Yaml.list(c.get("rule_files"))).as(config.toString()).containsExactly("alerts.yml");
            Yaml.list(c.get("scrape_configs")).forEach(j -> jobs.add(String.valueOf(Yaml.map(j).get("job_name"))));
        }
        assertThat(jobs).containsExactly("deltastream", "kubernetes-pods");
        String serviceDown = Observability.alertExpressions().getFirst();
        Matcher job = Pattern.compile("up\\{job=~\"([^\"]+)\"}").matcher(serviceDown);
        assertThat(job.find()).as(serviceDown).isTrue();
        assertThat(jobs).allMatch(j -> j.matches(job.group(1)));
    }

    /**
     * The discovery watches the namespace the manifests are applied to, and the relabelling turns each platform pod
     * of the manifests into a target on its service's port and {@code /metrics}, and drops Redis and MongoDB.
     */
    @Test
    void theKubernetesRelabellingScrapesEveryPlatformPodOnItsServicePort() throws Exception {
        Map<String, Object> job = Yaml.map(Yaml.list(Yaml.load(K8S_CONFIG).get("scrape_configs")).getFirst());
        Map<String, Object> discovery = Yaml.map(Yaml.list(job.get("kubernetes_sd_configs")).getFirst());
        assertThat(discovery.get("role")).isEqualTo("pod");
        Object namespace = Yaml.load(ComposeStackTest.ROOT.resolve("k8s/base/kustomization.yaml")).get("namespace");
        assertThat(Yaml.list(Yaml.map(discovery.get("namespaces")).get("names"))).containsExactly(namespace);
        List<Object> rules = Yaml.list(job.get("relabel_configs"));

        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        for (HasMetadata o : KubernetesManifestsTest.base()) {
            if (o instanceof Deployment d) {
                pods.put(d.getMetadata().getName(), d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                pods.put(s.getMetadata().getName(), s.getSpec().getTemplate());
            }
        }
        Map<String, String> scraped = new LinkedHashMap<>();
        pods.forEach((name, pod) -> {
            for (Container c : pod.getSpec().getContainers()) {
                for (ContainerPort port : c.getPorts()) {
                    relabel(rules, discovered(name, pod, port)).ifPresent(t -> scraped.put(name,
                            t.get("__address__") + t.getOrDefault("__metrics_path__", "/metrics") + " pod="
                                    + t.get("pod")));
                }
            }
        });
        Map<String, String> expected = ServiceCatalog.all().stream().collect(Collectors.toMap(Service::name,
                s -> POD_IP + ":" + s.defaultPort() + "/metrics pod=" + s.name() + "-0", (a, b) -> a,
                LinkedHashMap::new));
        assertThat(scraped).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** The labels Kubernetes pod discovery gives the target of one declared container port. */
    private static Map<String, String> discovered(String name, PodTemplateSpec pod, ContainerPort port) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__address__", POD_IP + ":" + port.getContainerPort());
        labels.put("__metrics_path__", "/metrics");
        labels.put("__meta_kubernetes_pod_name", name + "-0");
        labels.put("__meta_kubernetes_pod_container_port_number", String.valueOf(port.getContainerPort()));
        Optional.ofNullable(pod.getMetadata().getAnnotations()).orElse(Map.of()).forEach((k, v) -> labels.put(
                "__meta_kubernetes_pod_annotation_" + k.replaceAll("[^a-zA-Z0-9_]", "_"), v));
        return labels;
    }

    /**
     * Prometheus' relabelling for the actions this configuration uses ({@code replace}, the default, and
     * {@code keep}): source label values joined by {@code ;}, the regex anchored at both ends, {@code $n} in the
     * replacement. Empty when the target is dropped.
     */
    private static Optional<Map<String, String>> relabel(List<Object> rules, Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        for (Object r : rules) {
            Map<String, Object> rule = Yaml.map(r);
            String value = Yaml.list(rule.get("source_labels")).stream()
                    .map(l -> out.getOrDefault(String.valueOf(l), "")).collect(Collectors.joining(";"));
            Matcher m = Pattern.compile("^(?:" + rule.getOrDefault("regex", "(.*)") + ")$").matcher(value);
            String action = String.valueOf(rule.getOrDefault("action", "replace"));
            switch (action) {
                case "keep" -> {
                    if (!m.matches()) {
                        return Optional.empty();
                    }
                }
                case "replace" -> {
                    if (m.matches()) {
                        String replaced = m.replaceFirst(String.valueOf(rule.getOrDefault("replacement", "$1")));
                        out.put(String.valueOf(rule.get("target_label")), replaced);
                    }
                }
                default -> throw new AssertionError("relabel action " + action + " is not simulated by this test");
            }
        }
        return Optional.of(out);
    }
}
