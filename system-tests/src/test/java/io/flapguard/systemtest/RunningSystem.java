package io.flapguard.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.simulator.fleet.FleetRouter;
import io.flapguard.stack.Credentials;
import io.flapguard.stack.Stack;
import io.flapguard.stack.StackSettings;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FlapGuard as it runs for real: embedded brokers, the three services as separate processes from their
 * packaged builds, a simulated fleet over MQTT and SSH, and a recorder on the Kafka topics.
 */
final class RunningSystem implements AutoCloseable {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Stack stack;
    final KafkaRecorder recorder;
    private final Path data;
    private final String name;
    /** Everything the tests read goes through the APIs as a person would: logged in. */
    final Credentials login;

    private RunningSystem(Stack stack, Path data, String name) {
        this.stack = stack;
        this.data = data;
        this.name = name;
        this.login = stack.adminCredentials().orElseGet(() -> stack.addUser("system-test", "admin"));
        this.recorder = new KafkaRecorder(stack.kafkaClientSettings(), Topics.all());
    }

    /**
     * @param scenarioFile   a scenario YAML (see {@link #scenario})
     * @param secondsPerDay  real seconds per simulated day
     * @param properties     service configuration for this run
     */
    static RunningSystem start(Path data, Path scenarioFile, double secondsPerDay, Map<String, String> properties) {
        return start(settings(data, scenarioFile, secondsPerDay, properties), data, scenarioFile);
    }

    /** The same run against a broker whose only client listener is SASL_SSL (SCRAM-SHA-512 over TLS). */
    static RunningSystem startOverSaslSsl(Path data, Path scenarioFile, double secondsPerDay,
            Map<String, String> properties) {
        return start(settings(data, scenarioFile, secondsPerDay, properties).withKafkaSaslSsl(), data, scenarioFile);
    }

    /** The stack without a simulated fleet: whatever telemetry the test produces itself. */
    static RunningSystem startWithoutFleet(Path data, Map<String, String> properties) {
        StackSettings settings = new StackSettings(HOME, data, 0, 0, 0, 0, 0, null, null, "256m",
                Duration.ofSeconds(240), false, null, "EG12EAPAR01A12M4G", null, properties);
        return start(settings, data, data.resolveSibling("no-fleet.yaml"));
    }

    private static StackSettings settings(Path data, Path scenarioFile, double secondsPerDay,
            Map<String, String> properties) {
        return new StackSettings(HOME, data, 0, 0, 0, 0, 0, null, null, "256m", Duration.ofSeconds(240), false,
                scenarioFile.toString(), "EG12EAPAR01A12M4G", secondsPerDay, properties);
    }

    private static RunningSystem start(StackSettings settings, Path data, Path scenarioFile) {
        String name = scenarioFile.getFileName().toString().replaceFirst("\\.yaml$", "") + "-"
                + data.getFileName();
        try {
            return new RunningSystem(Stack.start(settings, System.out), data, name);
        } catch (RuntimeException e) {
            keepLogs(data, name);
            throw e;
        }
    }

    /**
     * A built-in scenario with its simulated time stretched to {@code days}; the simulated clock still ends at
     * real "now" so telemetry's clock-fault bounds keep event times as they are.
     */
    static Path scenario(String name, int days, Map<String, String> replacements, Path folder) {
        try (InputStream in = RunningSystem.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^duration: P\\w+", "duration: P" + days + "D")
                    .replaceFirst("(?m)^startOffset: -P\\w+", "startOffset: -P" + days + "D");
            for (var e : replacements.entrySet()) {
                yaml = yaml.replaceFirst(e.getKey(), e.getValue());
            }
            Path file = folder.resolve(name + "-" + days + "d.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> serialsOfGroup(String group) {
        return stack.fleet().routers().stream().filter(r -> r.group().name().equals(group))
                .map(FleetRouter::serial).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    Map<String, Integer> flashCounts() {
        return stack.fleet().flashCounts();
    }

    String modemFirmware(String serial) {
        return stack.fleet().router(serial).router().modemFirmware();
    }

    JsonNode get(String service, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.service(service).baseUrl()
                    + path)).header("Authorization", login.basicAuthorization()).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503) {
                return WireCodec.mapper().missingNode(); // restoring after a restart: ask again later
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException(service + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return WireCodec.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service's Prometheus exposition, as Prometheus would scrape it. */
    String metrics(String service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.service(service).baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Serials whose update the analyzer has judged, by outcome (verified / failed_to_fix / watching). */
    Map<String, String> verifications() {
        Map<String, String> out = new java.util.TreeMap<>();
        get("analyzer-service", "/api/verifications").path("items")
                .forEach(n -> out.put(n.path("serial").asText(), n.path("outcome").asText()));
        return out;
    }

    List<JsonNode> rollouts() {
        List<JsonNode> out = new java.util.ArrayList<>();
        get("updater-service", "/rollouts").forEach(out::add);
        return out;
    }

    @Override
    public void close() {
        recorder.close();
        stack.close();
        keepLogs(data, name);
    }

    /**
     * The services' logs live in the run's temporary data folder, which JUnit deletes; a copy stays in
     * {@code target/test-logs/<scenario>-<folder>/} (docs/testing.md), named on the console.
     */
    private static void keepLogs(Path data, String name) {
        Path logs = data.resolve("logs");
        Path kept = Path.of(System.getProperty("flapguard.test-logs", "target/test-logs")).resolve(name)
                .toAbsolutePath().normalize();
        try (var files = Files.exists(logs) ? Files.list(logs) : java.util.stream.Stream.<Path>empty()) {
            Files.createDirectories(kept);
            for (Path f : files.toList()) {
                Files.copy(f, kept.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("service logs of this run: " + kept);
        } catch (IOException e) {
            System.out.println("service logs of this run could not be kept (" + e.getMessage() + "); they were in "
                    + logs);
        }
    }
}
