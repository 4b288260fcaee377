package io.deltastream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltastream.app.ServiceCatalog;
import io.deltastream.platform.service.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ held to the Kubernetes API and to the code. Every object is read into the fabric8 kubernetes-model class of
 * its kind, and a field the class does not know (a typo, a field at the wrong level) fails the test: the classes
 * keep unknown fields aside, and the test walks every object for them. The base is checked as written; each overlay
 * as {@code kubectl kustomize} renders it, where kubectl is installed.
 */
class KubernetesManifestsTest {
    private static final Path K8S = ComposeStackTest.ROOT.resolve("k8s");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class,
            "Service", io.fabric8.kubernetes.api.model.Service.class, "Deployment", Deployment.class,
            "StatefulSet", StatefulSet.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "NetworkPolicy", NetworkPolicy.class);
    private static final Set<String> GATEWAYS = Set.of("api-gateway", "socket-gateway");
    private static final Set<String> AUTOSCALED = Set.of("api-gateway", "socket-gateway", "worker-enricher");

    /** The base: every file kustomization.yaml lists. */
    static List<HasMetadata> base() throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        Path dir = K8S.resolve("base");
        for (Object file : Yaml.list(Yaml.load(dir.resolve("kustomization.yaml")).get("resources"))) {
            for (Map<String, Object> doc : Yaml.loadAll(dir.resolve(String.valueOf(file)))) {
                out.add(parse(doc, dir.resolve(String.valueOf(file)).toString()));
            }
        }
        return out;
    }

    static HasMetadata parse(Map<String, Object> doc, String where) {
        String kind = String.valueOf(doc.get("kind"));
        Class<? extends HasMetadata> type = KINDS.get(kind);
        assertThat(type).as(where + ": kind " + kind + " is one this test knows").isNotNull();
        HasMetadata object = MAPPER.convertValue(doc, type);
        String name = where + " " + kind + "/" + object.getMetadata().getName();
        assertThat(object.getApiVersion()).as(name + " apiVersion").isEqualTo(HasMetadata.getApiVersion(type));
        List<String> unknown = new ArrayList<>();
        unknownFields(object, kind, unknown);
        assertThat(unknown).as(name + ": fields the Kubernetes API does not have").isEmpty();
        return object;
    }

    /** Collects the additionalProperties (fields the model class does not declare) of every nested model object. */
    private static void unknownFields(Object node, String path, List<String> out) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                    || !(m.getName().startsWith("get") || m.getName().startsWith("is"))) {
                continue;
            }
            try {
                Object value = m.invoke(node);
                if (m.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> out.add(path + "." + k));
                } else {
                    unknownFields(value, path + "." + m.getName().replaceFirst("^(get|is)", ""), out);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theTestCatchesAFieldAtTheWrongLevel() {
        Map<String, Object> bad = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "x"),
                "spec", Map.of("selector", Map.of("a", "b"), "ports", List.of(Map.of("port", 80, "targetPrt", 8080))));
        List<String> unknown = new ArrayList<>();
        unknownFields(MAPPER.convertValue(bad, io.fabric8.kubernetes.api.model.Service.class), "Service", unknown);
        assertThat(unknown).containsExactly("Service.Spec.Ports[0].targetPrt");
    }

    @Test
    void theBaseIsValidAndHoldsToTheCode() throws Exception {
        checkPlatform(base(), "deltastream:latest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachOverlayRendersToValidObjectsThatHoldToTheCode(String overlay) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"),
                "kubectl is not installed: overlays are checked only where it is");
        Process p = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] rendered = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize " + overlay).isZero();
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Files.write(file, rendered);
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> doc : Yaml.loadAll(file)) {
            objects.add(parse(doc, "overlay " + overlay));
        }
        Files.delete(file);
        checkPlatform(objects, overlay.equals("prod") ? "registry.example.com/deltastream:0.1.0" : "deltastream:latest");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Everything the platform needs, checked on one set of objects (the base, or an overlay's rendering). */
    private static void checkPlatform(List<HasMetadata> objects, String image) throws Exception {
        Map<String, Deployment> deployments = byName(objects, Deployment.class);
        Map<String, ConfigMap> configMaps = byName(objects, ConfigMap.class);
        Map<String, io.fabric8.kubernetes.api.model.Service> services =
                byName(objects, io.fabric8.kubernetes.api.model.Service.class);
        assertThat(byName(objects, Secret.class)).as("secrets are never committed or applied from here").isEmpty();
        assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(ServiceCatalog.names());
        assertThat(byName(objects, StatefulSet.class).keySet()).containsExactlyInAnyOrder("redis", "mongodb");
        Set<String> secretKeys = Yaml.map(Yaml.load(K8S.resolve("secret.example.yaml")).get("stringData")).keySet();

        List<PodTemplateSpec> pods = new ArrayList<>();
        deployments.values().forEach(d -> pods.add(d.getSpec().getTemplate()));
        byName(objects, StatefulSet.class).values().forEach(s -> pods.add(s.getSpec().getTemplate()));
        for (PodTemplateSpec pod : pods) {
            assertThat(pod.getSpec().getEnableServiceLinks()).as(pod.getMetadata().getLabels() + " enableServiceLinks")
                    .isFalse();
            for (Container c : pod.getSpec().getContainers()) {
                assertThat(c.getResources().getRequests()).as(c.getName() + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(c.getName() + " limits").containsKey("memory");
                assertThat(c.getReadinessProbe()).as(c.getName() + " readiness").isNotNull();
                assertThat(c.getLivenessProbe()).as(c.getName() + " liveness").isNotNull();
            }
        }

        Map<String, Set<String>> reads = ComposeStack.get().reads();
        for (Service s : ServiceCatalog.all()) {
            Deployment d = deployments.get(s.name());
            PodSpec spec = d.getSpec().getTemplate().getSpec();
            Container c = spec.getContainers().getFirst();
            assertThat(c.getImage()).as(s.name() + " image").isEqualTo(image);
            assertThat(c.getArgs()).as(s.name() + " args").containsExactly("service", s.name());
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            Map<String, Integer> ports = new LinkedHashMap<>();
            c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
            assertThat(ports).as(s.name() + " container ports").containsExactly(Map.entry("http", s.defaultPort()));
            for (Probe probe : List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())) {
                HTTPGetAction get = probe.getHttpGet();
                assertThat(get.getPath()).as(s.name() + " probe path").isEqualTo("/health");
                int port = get.getPort().getIntVal() != null ? get.getPort().getIntVal() : ports.get(get.getPort().getStrVal());
                assertThat(port).as(s.name() + " probe port").isEqualTo(s.defaultPort());
            }
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/port", Integer.toString(s.defaultPort()))
                    .containsEntry("prometheus.io/path", "/metrics");

            Set<String> env = new TreeSet<>();
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    ConfigMap map = configMaps.get(from.getConfigMapRef().getName());
                    assertThat(map).as(s.name() + " config map " + from.getConfigMapRef().getName()).isNotNull();
                    env.addAll(map.getData().keySet());
                } else {
                    assertThat(from.getSecretRef().getName()).isEqualTo("deltastream-secrets");
                    env.addAll(secretKeys);
                }
            }
            for (EnvVar v : c.getEnv()) {
                env.add(v.getName());
                if (v.getValueFrom() != null && v.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = v.getValueFrom().getConfigMapKeyRef();
                    assertThat(configMaps.get(ref.getName()).getData()).as(s.name() + " " + v.getName()).containsKey(ref.getKey());
                }
            }
            assertThat(reads.get(s.name())).as(s.name() + ": every variable its pod gets is one it reads")
                    .containsAll(env);
            Set<String> needed = new TreeSet<>(reads.get(s.name()).stream()
                    .filter(n -> ComposeStack.NEEDED_IN_CONTAINER.matcher(n).matches()).toList());
            assertThat(env).as(s.name() + ": variables it cannot do without in a container").containsAll(needed);

            io.fabric8.kubernetes.api.model.Service svc = services.get(s.name());
            assertThat(svc.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
            assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(s.defaultPort());
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
            if (d.getSpec().getReplicas() > 1) {
                assertThat(byName(objects, PodDisruptionBudget.class)).as(s.name() + " PDB").containsKey(s.name());
            }
        }
        assertThat(services.get("socket-gateway").getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        Map<String, HorizontalPodAutoscaler> hpas = byName(objects, HorizontalPodAutoscaler.class);
        assertThat(hpas.keySet()).containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        hpas.values().forEach(h -> assertThat(deployments).containsKey(h.getSpec().getScaleTargetRef().getName()));
        for (PodDisruptionBudget pdb : byName(objects, PodDisruptionBudget.class).values()) {
            assertThat(deployments).containsKey(pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"));
        }
        checkNetworkPolicies(byName(objects, NetworkPolicy.class));
    }

    /**
     * A default deny for every pod; an ingress rule without a source (open to anything) only on pods that are
     * gateways; the other rules admit pods of the namespace.
     */
    private static void checkNetworkPolicies(Map<String, NetworkPolicy> policies) {
        assertThat(policies.values()).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).contains("Ingress");
        });
        Set<String> openToAnyone = new TreeSet<>();
        for (NetworkPolicy p : policies.values()) {
            for (var rule : p.getSpec().getIngress()) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    var expressions = p.getSpec().getPodSelector().getMatchExpressions();
                    assertThat(expressions).as(p.getMetadata().getName() + " selects pods by name").hasSize(1);
                    assertThat(expressions.getFirst().getOperator()).isEqualTo("In");
                    openToAnyone.addAll(expressions.getFirst().getValues());
                } else {
                    rule.getFrom().forEach(peer -> {
                        assertThat(peer.getIpBlock()).as(p.getMetadata().getName() + " admits no address range").isNull();
                        assertThat(peer.getNamespaceSelector()).as(p.getMetadata().getName() + " admits no namespace")
                                .isNull();
                    });
                }
            }
        }
        assertThat(openToAnyone).isEqualTo(GATEWAYS);
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> objects, Class<T> type) {
        Map<String, T> out = new TreeMap<>();
        objects.stream().filter(type::isInstance).map(type::cast).forEach(o -> out.put(o.getMetadata().getName(), o));
        return out;
    }
}
