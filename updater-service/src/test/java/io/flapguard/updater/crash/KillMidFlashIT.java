package io.flapguard.updater.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedKafka;
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
import java.io.File;
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
 * Crash safety with a real process: the packaged updater (target/quarkus-app/quarkus-run.jar) is killed with
 * SIGKILL (destroyForcibly) while the simulated router is flashing, then a fresh process starts on the same Kafka.
 * The job must resume by identifying, the modem must not be flashed a second time, and exactly one terminal result
 * must reach the results topic. Runs in failsafe (integration-test phase) because it needs the packaged jar.
 */
class KillMidFlashIT {
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

    private Process startUpdater(RouterFixture fixture, Path hosts, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dquarkus.http.port=0",
                "-Dflapguard.updater.allowed-targets=" + RouterFixture.TARGET,
                "-Dflapguard.updater.ssh.hosts-file=" + hosts,
                "-Dflapguard.updater.ssh.known-hosts=" + fixture.knownHosts,
                "-Dflapguard.updater.ssh.private-key=" + fixture.privateKey,
                "-Dflapguard.updater.ssh.address-template=none",
                "-Dflapguard.updater.timeouts.flash=60s",
                "-Dflapguard.updater.timeouts.wait-modem=60s",
                "-Dflapguard.updater.timeouts.poll-interval=200ms",
                "-Dflapguard.updater.tick-interval=100ms",
                "-Dmp.messaging.incoming.commands.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.commands.heartbeat.interval.ms=2000",
                "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
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
