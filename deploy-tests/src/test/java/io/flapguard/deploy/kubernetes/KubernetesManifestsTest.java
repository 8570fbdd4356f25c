package io.flapguard.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flapguard.deploy.DeployFiles;
import io.flapguard.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: every YAML document parses, names a real apiVersion/kind, has what that kind needs,
 * and the pieces fit together (selectors, referenced ConfigMaps/Secrets, topics, probes, kustomization).
 */
class KubernetesManifestsTest {
    private static final Path DIR = DeployFiles.deploy("kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** apiVersion → kinds that exist under it (core, apps, Strimzi, Prometheus Operator, kustomize). */
    private static final Map<String, Set<String>> KNOWN_KINDS = Map.of(
            "v1", Set.of("Namespace", "ConfigMap", "Secret", "Service", "PersistentVolumeClaim", "ServiceAccount"),
            "apps/v1", Set.of("Deployment", "StatefulSet", "DaemonSet"),
            "policy/v1", Set.of("PodDisruptionBudget"),
            "networking.k8s.io/v1", Set.of("NetworkPolicy", "Ingress"),
            "kafka.strimzi.io/v1beta2", Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"),
            "monitoring.coreos.com/v1", Set.of("PodMonitor", "ServiceMonitor", "PrometheusRule"));

    /** Secrets made by operators (Strimzi: one per KafkaUser, the cluster CA) or by the operator team (README). */
    private static final Set<String> EXTERNAL_SECRETS = union(Set.of("flapguard-kafka-cluster-ca-cert"),
            ManifestsStartTest.OPERATOR_SECRETS);

    private static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "telemetry-service", 8081, "analyzer-service", 8082, "updater-service", 8083);

    private static final List<JsonNode> docs = new ArrayList<>();

    @BeforeAll
    static void parseAll() throws IOException {
        for (Path file : manifestFiles()) {
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        docs.add(doc);
                    }
                }
            }
        }
    }

    @Test
    void everyDocumentIsARealKindWithAName() {
        assertThat(docs).hasSizeGreaterThan(20);
        for (JsonNode doc : docs) {
            String apiVersion = doc.path("apiVersion").asText();
            String kind = doc.path("kind").asText();
            assertThat(KNOWN_KINDS).as("apiVersion of %s", kind).containsKey(apiVersion);
            assertThat(KNOWN_KINDS.get(apiVersion)).as(apiVersion).contains(kind);
            assertThat(doc.path("metadata").path("name").asText()).as(kind).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
    }

    @Test
    void workloadsHaveSelectorsProbesResourcesAndExistingConfig() {
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = new HashSet<>(names("Secret"));
        secrets.addAll(names("KafkaUser"));
        secrets.addAll(EXTERNAL_SECRETS);
        for (JsonNode w : kinds("Deployment", "StatefulSet")) {
            String name = w.path("metadata").path("name").asText();
            JsonNode selector = w.path("spec").path("selector").path("matchLabels");
            JsonNode labels = w.path("spec").path("template").path("metadata").path("labels");
            assertThat(selector.isEmpty()).as(name + " selector").isFalse();
            selector.fields().forEachRemaining(e ->
                    assertThat(labels.path(e.getKey()).asText()).as(name + " template label " + e.getKey()).isEqualTo(e.getValue().asText()));
            JsonNode pod = w.path("spec").path("template").path("spec");
            for (JsonNode c : pod.path("containers")) {
                assertThat(c.path("image").asText()).as(name).isNotBlank();
                assertThat(c.path("resources").path("requests").path("memory").asText()).as(name + " requests").isNotBlank();
                assertThat(c.path("resources").path("limits").path("memory").asText()).as(name + " limits").isNotBlank();
                assertThat(c.has("livenessProbe") && c.has("readinessProbe")).as(name + " probes").isTrue();
                for (JsonNode env : c.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertThat(secrets).as(name + " env " + env.path("name").asText()).contains(ref.path("name").asText());
                    }
                }
            }
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("configMap")) {
                    assertThat(configMaps).as(name).contains(v.path("configMap").path("name").asText());
                }
                if (v.has("secret")) {
                    assertThat(secrets).as(name).contains(v.path("secret").path("secretName").asText());
                }
            }
        }
    }

    @Test
    void theThreeServicesRunOnTheirPortsWithQuarkusHealthProbes() {
        for (Map.Entry<String, Integer> svc : SERVICE_PORTS.entrySet()) {
            JsonNode workload = kinds("Deployment", "StatefulSet").stream()
                    .filter(w -> w.path("metadata").path("name").asText().equals(svc.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no workload " + svc.getKey()));
            JsonNode c = workload.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(c.path("ports").get(0).path("containerPort").asInt()).isEqualTo(svc.getValue());
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            JsonNode service = kinds("Service").stream()
                    .filter(s -> s.path("metadata").path("name").asText().equals(svc.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("no Service " + svc.getKey()));
            assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(svc.getValue());
        }
        JsonNode analyzer = kinds("StatefulSet").stream()
                .filter(w -> w.path("metadata").path("name").asText().equals("analyzer-service")).findFirst().orElseThrow();
        assertThat(analyzer.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText()).isEqualTo("state");
        JsonNode updaterVolumes = kinds("Deployment").stream()
                .filter(w -> w.path("metadata").path("name").asText().equals("updater-service")).findFirst().orElseThrow()
                .path("spec").path("template").path("spec").path("volumes");
        assertThat(updaterVolumes.findValuesAsText("secretName")).contains("flapguard-updater-ssh");
        // the image runs as uid 185: a Secret it must read needs a group it is in
        for (JsonNode w : kinds("Deployment", "StatefulSet")) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            if (pod.path("volumes").findValuesAsText("secretName").stream().anyMatch(n -> n.contains("ssh")
                    || n.contains("signing"))) {
                assertThat(pod.path("securityContext").path("fsGroup").asInt()).as("fsGroup").isEqualTo(185);
            }
        }
    }

    @Test
    void servicesSelectPodsThatExist() {
        List<JsonNode> templates = kinds("Deployment", "StatefulSet").stream()
                .map(w -> w.path("spec").path("template").path("metadata").path("labels")).toList();
        for (JsonNode service : kinds("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            boolean matches = templates.stream().anyMatch(labels -> {
                boolean all = true;
                for (var it = selector.fields(); it.hasNext(); ) {
                    var e = it.next();
                    all &= labels.path(e.getKey()).asText().equals(e.getValue().asText());
                }
                return all;
            });
            assertThat(matches).as("Service " + service.path("metadata").path("name").asText() + " selects no pod").isTrue();
        }
        for (JsonNode monitor : kinds("PodMonitor", "ServiceMonitor")) {
            String app = monitor.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText();
            assertThat(SERVICE_PORTS).containsKey(app);
            assertThat(monitor.findValuesAsText("path")).containsOnly("/q/metrics");
        }
        assertThat(kinds("PodMonitor", "ServiceMonitor")).hasSize(3);
    }

    @Test
    void kafkaTopicsAreTheServicesTopicsPartitionedForScaleOnTheDeclaredCluster() {
        String cluster = kinds("Kafka").get(0).path("metadata").path("name").asText();
        assertThat(kinds("Kafka").get(0).path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kinds("KafkaNodePool").get(0).path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : kinds("KafkaTopic")) {
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
            topics.put(t.path("spec").path("topicName").asText(), t);
        }
        assertThat(topics.keySet()).containsAll(Topics.all()).contains("flapguard.updater.jobs.v1", "fleet.analyzer.facts.v1");
        for (String keyed : Topics.all()) {
            assertThat(topics.get(keyed).path("spec").path("partitions").asInt()).as(keyed).isEqualTo(12);
            assertThat(topics.get(keyed).path("spec").path("replicas").asInt()).as(keyed).isEqualTo(3);
        }
        assertThat(topics.get("flapguard.updater.jobs.v1").path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
        for (JsonNode user : kinds("KafkaUser")) {
            assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        }
    }

    @Test
    void kustomizationListsEveryManifestFile() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        List<String> files = manifestFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    private static List<JsonNode> kinds(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return docs.stream().filter(d -> wanted.contains(d.path("kind").asText())).toList();
    }

    private static Set<String> names(String kind) {
        Set<String> names = new HashSet<>();
        kinds(kind).forEach(d -> names.add(d.path("metadata").path("name").asText()));
        return names;
    }
}
