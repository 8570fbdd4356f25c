package io.flapguard.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flapguard.deploy.DeployFiles;
import io.flapguard.deploy.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What makes the manifests start rather than merely parse: every {@code flapguard.*} key they set is one the
 * service reads, no Secret (placeholder or real) is part of the kustomization, Strimzi runs the Kafka version the
 * services' clients are built with, Mosquitto's queues are bounded in bytes inside its memory limit, and
 * {@code kubectl kustomize} renders the whole thing.
 */
class ManifestsStartTest {
    private static final Path DIR = DeployFiles.deploy("kubernetes");
    private static final Path REPOSITORY = DeployFiles.deployDir().getParent();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** ConfigMap → the modules whose code reads its application.properties. */
    private static final Map<String, String[]> CONFIG_MAPS = Map.of(
            "telemetry-service-config", new String[] {"telemetry-service", "service-security"},
            "analyzer-service-config", new String[] {"analyzer-service", "service-security"},
            "updater-service-config", new String[] {"updater-service", "service-security"});
    /** Secrets the operator creates with kubectl (deploy/kubernetes/README.md); Strimzi makes the others. */
    static final Set<String> OPERATOR_SECRETS = Set.of("flapguard-mqtt-tls", "flapguard-mqtt-auth",
            "flapguard-telemetry-mqtt", "flapguard-updater-ssh", "flapguard-analyzer-signing");

    @Test
    void everyFlapguardKeyInAConfigMapIsOneTheServiceReads() throws IOException {
        int checked = 0;
        for (JsonNode map : documents("ConfigMap")) {
            String[] modules = CONFIG_MAPS.get(map.path("metadata").path("name").asText());
            if (modules == null) {
                continue;
            }
            Set<String> known = ConfigMappingKeys.of(REPOSITORY, modules);
            assertThat(known).as("keys read by %s", List.of(modules)).hasSizeGreaterThan(10);
            for (String key : ConfigMappingKeys.setIn(map.path("data").path("application.properties").asText())) {
                assertThat(ConfigMappingKeys.reads(known, key)).as("%s sets %s, which %s never reads",
                        map.path("metadata").path("name").asText(), key, List.of(modules)).isTrue();
                checked++;
            }
        }
        assertThat(checked).as("flapguard.* keys checked").isGreaterThan(10);
    }

    @Test
    void aKeyNoServiceReadsIsCaught() {
        Set<String> known = ConfigMappingKeys.of(REPOSITORY, "analyzer-service", "service-security");
        assertThat(ConfigMappingKeys.reads(known, "flapguard.analyzer.advertised-host")).isTrue();
        assertThat(ConfigMappingKeys.reads(known, "flapguard.analyzer.signing.private-key-file")).isTrue();
        assertThat(ConfigMappingKeys.reads(known, "flapguard.analyzer.advertised-server")).isFalse();
        Set<String> updater = ConfigMappingKeys.of(REPOSITORY, "updater-service");
        assertThat(ConfigMappingKeys.reads(updater, "flapguard.updater.command-signing.public-keys.analyzer-1"))
                .isTrue();
    }

    @Test
    void noSecretIsInTheKustomizationAndEachOneToCreateIsDocumented() throws IOException {
        assertThat(documents("Secret")).as("Secrets in deploy/kubernetes (apply would overwrite real ones)").isEmpty();
        for (Path f : manifestFiles()) {
            assertThat(Files.readString(f)).as(f.getFileName().toString()).doesNotContain("REPLACE_ME");
        }
        String readme = Files.readString(DIR.resolve("README.md"));
        for (String secret : OPERATOR_SECRETS) {
            assertThat(readme).as("README: how to create %s", secret)
                    .containsPattern("kubectl -n flapguard create secret (generic|tls) " + secret + "\\b");
        }
    }

    @Test
    void strimziRunsTheKafkaVersionTheServicesClientsAreBuiltWith() throws IOException {
        Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        JsonNode kafka = documents("Kafka").get(0);
        assertThat(kafka.path("spec").path("kafka").path("version").asText()).isEqualTo(m.group(1));
        String minor = m.group(1).replaceAll("^(\\d+\\.\\d+).*", "$1");
        assertThat(kafka.path("spec").path("kafka").path("metadataVersion").asText()).startsWith(minor + "-");
    }

    @Test
    void mosquittoQueuesAreBoundedInBytesInsideItsMemoryLimit() throws IOException {
        String conf = documents("ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("flapguard-mqtt-config")).findFirst()
                .orElseThrow().path("data").path("mosquitto.conf").asText();
        long queued = option(conf, "max_queued_bytes");
        long heap = option(conf, "memory_limit");
        JsonNode mosquitto = documents("StatefulSet").stream()
                .filter(s -> s.path("metadata").path("name").asText().equals("mqtt")).findFirst().orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0);
        long limit = bytes(mosquitto.path("resources").path("limits").path("memory").asText());
        int telemetryReplicas = documents("Deployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals("telemetry-service")).findFirst()
                .orElseThrow().path("spec").path("replicas").asInt();
        assertThat(queued).as("max_queued_bytes").isPositive();
        assertThat(heap).as("memory_limit below the container limit, with room for the process").isLessThan(
                limit * 9 / 10);
        // the live sessions and as many stale ones (renamed pods, until session expiry) each fill their queue
        assertThat(queued * 2 * telemetryReplicas).as("queued bytes of 2 x telemetry replicas").isLessThanOrEqualTo(
                heap);
        assertThat(option(conf, "message_size_limit")).isPositive();
    }

    @Test
    void kubectlKustomizeRendersTheManifests() throws Exception {
        Path kubectl = RequiredTool.require("kubectl", "kubectl");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", DIR.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize:%n%s", out).isZero();
        List<JsonNode> rendered = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
            it.forEachRemaining(rendered::add);
        }
        assertThat(rendered).extracting(d -> d.path("kind").asText()).contains("Kafka", "StatefulSet", "Deployment")
                .doesNotContain("Secret");
        assertThat(rendered).allSatisfy(d -> {
            if (!d.path("kind").asText().equals("Namespace")) {
                assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("flapguard");
            }
        });
    }

    private static long option(String conf, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + "\\s+(\\d+)\\s*$").matcher(conf);
        assertThat(m.find()).as("mosquitto.conf sets %s", name).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? n : n << switch (m.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            default -> 30;
        };
    }

    private static List<JsonNode> documents(String kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (Path file : manifestFiles()) {
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.path("kind").asText().equals(kind)) {
                        out.add(doc);
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> manifestFiles() throws IOException {
        return KubernetesManifestsTest.manifestFiles();
    }
}
