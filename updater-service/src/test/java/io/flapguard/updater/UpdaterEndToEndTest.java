package io.flapguard.updater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Command on Kafka → rollout → SSH to a simulated router → results on Kafka; injection refused without SSH. */
@QuarkusTest
class UpdaterEndToEndTest {

    @Test
    void commandFlowsToASucceededResultAndInjectionIsRefusedBeforeConnecting() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/e2e"));
        RouterFixture fixture = new RouterFixture(Files.createTempDirectory(folder, "routers"));
        Files.copy(fixture.privateKey, folder.resolve("id_updater"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SimulatedRouter router = RouterFixture.router("1300000001");
        SimulatedRouter victim = RouterFixture.router("1300000002");
        try (SimulatedRouterServer server = fixture.start(router, true);
             SimulatedRouterServer victimServer = fixture.start(victim, true)) {
            Files.writeString(folder.resolve("known_hosts"), Files.readString(fixture.knownHosts));
            Files.writeString(folder.resolve("hosts"), router.serial() + " 127.0.0.1:" + server.port() + "\n"
                    + victim.serial() + " 127.0.0.1:" + victimServer.port() + "\n");
            RemediationCommand good = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
            // Signed, but its target is not allowlisted: refused before connecting.
            RemediationCommand evil = Commands.command(victim.serial(), "EG12EAPAR01A09M4G", "EG12EAPAR01A14M4G");
            String bootstrap = TestBrokersResource.kafka().bootstrapServers();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (RemediationCommand c : List.of(evil, good, good)) {
                    producer.send(new ProducerRecord<>(Topics.COMMANDS, c.serial(), WireCodec.encode(c))).get();
                }
            }
            List<RemediationResult> results = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "group.id", "e2e-test", "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.RESULTS));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> results.add(WireCodec.decode(r.value(), RemediationResult.class)));
                    return results.stream().anyMatch(r -> r.commandId().equals(good.commandId()) && r.status().isTerminal())
                            && results.stream().anyMatch(r -> r.commandId().equals(evil.commandId()) && r.status().isTerminal());
                });
            }
            assertThat(results).filteredOn(r -> r.commandId().equals(evil.commandId())).extracting(RemediationResult::status)
                    .containsExactly(ResultStatus.REFUSED_VALIDATION);
            assertThat(results).filteredOn(r -> r.commandId().equals(good.commandId()) && r.status().isTerminal())
                    .extracting(RemediationResult::status).containsExactly(ResultStatus.SUCCEEDED);
            assertThat(results).filteredOn(r -> r.commandId().equals(good.commandId()))
                    .extracting(RemediationResult::status).contains(ResultStatus.QUEUED, ResultStatus.IN_PROGRESS);
            assertThat(router.flashCount()).isEqualTo(1);
            assertThat(victim.flashCount()).isZero();
            assertThat(victim.isInstalled("modem_updater")).isFalse();
            assertThat(victim.executedCommands()).isEmpty();
        }
    }
}
