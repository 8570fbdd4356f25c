package io.flapguard.updater.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.Ports;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with real processes. Kill mid-flash: the packaged updater (target/quarkus-app/quarkus-run.jar) is killed with
 * SIGKILL (destroyForcibly) while the simulated router is flashing, then a fresh process starts on the same Kafka.
 * The job must resume by identifying, the modem must not be flashed a second time, and exactly one terminal result
 * must reach the results topic. Operator decisions: a pause given over REST survives a SIGKILL. Runs in failsafe (integration-test phase) because it needs the packaged jar.
 */
class UpdaterRestartIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @TempDir
    Path temp;
    EmbeddedKafka kafka;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void killedMidFlashTheRestartedUpdaterReChecksAndNeverFlashesAgain() throws Exception {
        assertThat(JAR).as("packaged updater (run in the integration-test phase)").exists();
        kafka = EmbeddedKafka.start(temp, 0);
        kafka.createTopics(List.of(Topics.COMMANDS, Topics.RESULTS), 1, Map.of());
        RouterFixture fixture = new RouterFixture(Files.createDirectories(temp.resolve("routers")));
        SimulatedRouter router = new SimulatedRouter("1400000001").updateDuration(Duration.ofSeconds(20));
        try (SimulatedRouterServer server = fixture.start(router, true)) {
            Path hosts = temp.resolve("hosts");
            Files.writeString(hosts, router.serial() + " 127.0.0.1:" + server.port() + "\n");
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);

            Process first = startUpdater(fixture, hosts, "first");
            send(command);
            await().atMost(Duration.ofSeconds(90)).until(() -> router.modemState() == ModemState.DOWNLOAD_MODE);
            first.destroyForcibly();   // SIGKILL: no shutdown hooks, no graceful close
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(router.flashCount()).isEqualTo(1);
            int resultsBeforeRestart = results().size();

            Process second = startUpdater(fixture, hosts, "second");
            await().atMost(Duration.ofSeconds(120)).until(() -> results().stream()
                    .anyMatch(r -> r.commandId().equals(command.commandId()) && r.status().isTerminal()));
            List<RemediationResult> all = results();
            assertThat(all).filteredOn(r -> r.commandId().equals(command.commandId()) && r.status().isTerminal())
                    .extracting(RemediationResult::status).as(all.toString()).containsExactly(ResultStatus.SUCCEEDED);
            assertThat(all.subList(resultsBeforeRestart, all.size())).extracting(RemediationResult::step)
                    .as("the restarted updater connects, then identifies first: " + all).startsWith("connect", "identify");
            assertThat(all.subList(resultsBeforeRestart, all.size())).extracting(RemediationResult::step)
                    .doesNotContain("update", "ensure-tool");
            assertThat(all.subList(resultsBeforeRestart, all.size())).extracting(RemediationResult::status)
                    .as("the redelivered command is recognised, not queued again").doesNotContain(ResultStatus.QUEUED);
            assertThat(router.flashCount()).isEqualTo(1);
            assertThat(router.modemFirmware()).isEqualTo(RouterFixture.TARGET);
            assertThat(Files.readString(temp.resolve("second.log"))).contains("re-checking the router");
            assertThat(second.isAlive()).isTrue();
        }
    }

    private Process startUpdater(RouterFixture fixture, Path hosts, String name, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dquarkus.http.port=0",
                "-Dflapguard.security.users-file=" + Path.of("src/test/resources/test-users").toAbsolutePath(),
                "-Dflapguard.updater.allowed-targets=" + RouterFixture.TARGET,
                "-Dflapguard.updater.ssh.hosts-file=" + hosts,
                "-Dflapguard.updater.ssh.known-hosts=" + fixture.knownHosts,
                "-Dflapguard.updater.ssh.private-key=" + fixture.privateKey,
                "-Dflapguard.updater.command-signing.public-keys." + Commands.KEY_ID + "=" + Commands.PUBLIC_KEY.toAbsolutePath(),
                "-Dflapguard.updater.timeouts.flash=60s",
                "-Dflapguard.updater.timeouts.wait-modem=60s",
                "-Dflapguard.updater.timeouts.poll-interval=200ms",
                "-Dflapguard.updater.tick-interval=100ms",
                "-Dmp.messaging.incoming.commands.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.commands.heartbeat.interval.ms=2000"));
        line.addAll(List.of(extra));
        line.addAll(List.of("-jar", JAR.toString()));
        Process p = new ProcessBuilder(line)
                .redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    @Test
    void anOperatorsPauseSurvivesAKillAndTheRolloutGoesOnAfterResumeAndApproval() throws Exception {
        kafka = EmbeddedKafka.start(temp, 0);
        kafka.createTopics(List.of(Topics.COMMANDS, Topics.RESULTS), 1, Map.of());
        RouterFixture fixture = new RouterFixture(Files.createDirectories(temp.resolve("routers")));
        SimulatedRouter router = RouterFixture.router("1400000002");
        String rollout = "/rollouts/rollout-" + RouterFixture.TARGET;
        try (SimulatedRouterServer server = fixture.start(router, true)) {
            Path hosts = temp.resolve("hosts");
            Files.writeString(hosts, router.serial() + " 127.0.0.1:" + server.port() + "\n");
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);

            int port1 = Ports.free();
            Process first = startUpdater(fixture, hosts, "approval-first", "-Dquarkus.http.port=" + port1,
                    "-Dflapguard.updater.rollout.approval-required=true");
            send(command);
            await().atMost(Duration.ofSeconds(90)).until(() -> state(port1).equals("WAITING_FOR_APPROVAL"));
            assertThat(http(port1, "POST", rollout + "/pause?reason=holiday%20freeze").statusCode()).isEqualTo(204);
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            writeGarbageToTheJobsTopic();

            int port2 = Ports.free();
            startUpdater(fixture, hosts, "approval-second", "-Dquarkus.http.port=" + port2,
                    "-Dflapguard.updater.rollout.approval-required=true");
            await().atMost(Duration.ofSeconds(90)).until(() -> !state(port2).isEmpty());
            JsonNode view = rollouts(port2).get(0);
            assertThat(view.get("state").asText()).isEqualTo("PAUSED");
            assertThat(view.get("pausedReason").asText()).isEqualTo("holiday freeze");
            assertThat(router.flashCount()).isZero();
            assertThat(Files.readString(temp.resolve("approval-second.log")))
                    .as("garbage on the jobs topic is skipped at start, not fatal").contains("skipping unreadable record");

            assertThat(http(port2, "POST", rollout + "/resume").statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(port2).equals("WAITING_FOR_APPROVAL"));
            assertThat(http(port2, "POST", rollout + "/approve").statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60)).until(() -> results().stream()
                    .anyMatch(r -> r.commandId().equals(command.commandId()) && r.status().isTerminal()));
            assertThat(results()).filteredOn(r -> r.status().isTerminal()).extracting(RemediationResult::status)
                    .containsExactly(ResultStatus.SUCCEEDED);
            assertThat(router.flashCount()).isEqualTo(1);
        }
    }

    @Test
    void resultsKafkaRefusedAreSentAfterARestartFromTheJobState() throws Exception {
        kafka = EmbeddedKafka.start(temp, 0);
        kafka.createTopics(List.of(Topics.COMMANDS, Topics.RESULTS), 1, Map.of());
        resultsTopicMaxBytes("64");   // every result is larger: the broker refuses each one
        RouterFixture fixture = new RouterFixture(Files.createDirectories(temp.resolve("routers")));
        SimulatedRouter router = RouterFixture.router("1400000003");
        try (SimulatedRouterServer server = fixture.start(router, true)) {
            Path hosts = temp.resolve("hosts");
            Files.writeString(hosts, router.serial() + " 127.0.0.1:" + server.port() + "\n");
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
            int port1 = Ports.free();
            Process first = startUpdater(fixture, hosts, "outbox-first", "-Dquarkus.http.port=" + port1);
            send(command);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                JsonNode job = job(port1, command.commandId());
                return job != null && job.get("status").asText().equals("SUCCEEDED")
                        && job.get("unacknowledgedResults").asInt() >= 1;
            });
            assertThat(results()).isEmpty();
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            resultsTopicMaxBytes(null);

            startUpdater(fixture, hosts, "outbox-second");
            await().atMost(Duration.ofSeconds(90)).until(() -> results().stream().anyMatch(r -> r.status().isTerminal()));
            List<RemediationResult> all = results();
            assertThat(all).filteredOn(r -> r.status().isTerminal()).extracting(RemediationResult::status)
                    .as(all.toString()).containsExactly(ResultStatus.SUCCEEDED);
            assertThat(all).extracting(RemediationResult::status).as("the QUEUED result, kept in the outbox, too")
                    .contains(ResultStatus.QUEUED);
            assertThat(router.flashCount()).isEqualTo(1);
            assertThat(Files.readString(temp.resolve("outbox-second.log"))).contains("not yet acknowledged by Kafka");
        }
    }

    private void resultsTopicMaxBytes(String value) throws Exception {
        try (var admin = kafka.admin()) {
            var topic = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.RESULTS);
            var entry = new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", value == null ? "" : value);
            var op = new org.apache.kafka.clients.admin.AlterConfigOp(entry, value == null
                    ? org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE
                    : org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
        }
    }

    /** GET /jobs/{id} as JSON; null while the service is not up or does not hold the job yet. */
    private static JsonNode job(int port, String commandId) {
        try {
            HttpResponse<String> r = http(port, "GET", "/jobs/" + commandId);
            return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Undecodable values, a foreign key, and the old collision (a job stored under the rollout's "rollout:" key). */
    private void writeGarbageToTheJobsTopic() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String key : List.of("job/cmd-00000000000000000000000000000000", "rollout:rollout-" + RouterFixture.TARGET,
                    "rollout/rollout-EG12EAPAR01A14M4G", "garbage")) {
                producer.send(new ProducerRecord<>("flapguard.updater.jobs.v1", key, "{\"v\":".getBytes())).get();
            }
        }
    }

    /** The first rollout's state from GET /rollouts, "" while the service is not up or has none. */
    private static String state(int port) {
        try {
            JsonNode all = rollouts(port);
            return all.isEmpty() ? "" : all.get(0).get("state").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static JsonNode rollouts(int port) throws Exception {
        return new ObjectMapper().readTree(http(port, "GET", "/rollouts").body());
    }

    private static HttpResponse<String> http(int port, String method, String path) throws Exception {
        String admin = java.util.Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + admin).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void send(RemediationCommand command) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, command.serial(), WireCodec.encode(command))).get();
        }
    }

    /** Everything on the results topic so far, in order (one partition). */
    private List<RemediationResult> results() {
        List<RemediationResult> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.RESULTS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(WireCodec.decode(r.value(), RemediationResult.class)));
            }
        }
        return read;
    }
}
