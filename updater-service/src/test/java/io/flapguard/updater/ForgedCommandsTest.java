package io.flapguard.updater;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.wire.CommandSignature;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Through the real updater (embedded Kafka, simulated RUTX routers over SSH): forged, altered and replayed commands
 * never reach a router; a modem in download mode goes on the attention list; an unlisted router is not guessed at.
 */
@QuarkusTest
@TestProfile(ForgedCommandsTest.TwoTargets.class)
class ForgedCommandsTest {
    /** A second target, so the unlisted router gets a rollout of its own: one failure must not hold up the other. */
    public static class TwoTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flapguard.updater.allowed-targets", T + "," + A14);
        }
    }

    static final String A09 = "EG12EAPAR01A09M4G";
    static final String T = RouterFixture.TARGET;
    static final String A14 = "EG12EAPAR01A14M4G";

    @Test
    void onlyGenuineCommandsForListedHealthyRoutersRunAndEachRunsOnce() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/e2e"));
        RouterFixture fixture = new RouterFixture(Files.createTempDirectory(folder, "forged"));
        Files.copy(fixture.privateKey, folder.resolve("id_updater"), StandardCopyOption.REPLACE_EXISTING);
        SimulatedRouter good = RouterFixture.router("1300000101");
        SimulatedRouter victim = RouterFixture.router("1300000102");
        SimulatedRouter edl = RouterFixture.router("1300000103").modemState(ModemState.DOWNLOAD_MODE);
        String unlisted = "1300000104";
        try (SimulatedRouterServer goodServer = fixture.start(good, true);
             SimulatedRouterServer victimServer = fixture.start(victim, true);
             SimulatedRouterServer edlServer = fixture.start(edl, true)) {
            Files.writeString(folder.resolve("known_hosts"), Files.readString(fixture.knownHosts));
            Files.writeString(folder.resolve("hosts"), good.serial() + " 127.0.0.1:" + goodServer.port() + "\n"
                    + victim.serial() + " 127.0.0.1:" + victimServer.port() + "\n"
                    + edl.serial() + " 127.0.0.1:" + edlServer.port() + "\n");
            PrivateKey rogue = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
            RemediationCommand genuine = Commands.command(good.serial(), A09, T);
            RemediationCommand forVictim = Commands.unsigned(victim.serial(), A09, T);
            RemediationCommand alteredToVictim = new RemediationCommand(1, genuine.commandId(), victim.serial(),
                    genuine.action(), "EG12", A09, T, genuine.cohort(), "x", 0.9, genuine.issuedAt(),
                    genuine.keyId(), genuine.signature());
            RemediationCommand replayChanged = new RemediationCommand(1, genuine.commandId(), good.serial(),
                    genuine.action(), "EG12", "EG12EAPAR01A12M4G", T, genuine.cohort(), "x", 0.9, genuine.issuedAt(),
                    genuine.keyId(), genuine.signature());
            RemediationCommand marker = Commands.unsigned(good.serial(), A09, A14);

            send(forVictim,                                                        // unsigned
                    CommandSignature.sign(forVictim, "rogue", rogue),              // unknown key id
                    CommandSignature.sign(forVictim, Commands.KEY_ID, rogue),     // pinned id, wrong key
                    alteredToVictim,                                               // genuine signature, serial changed
                    genuine);
            List<RemediationResult> results = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                awaitResults(consumer, results, r -> r.commandId().equals(genuine.commandId())
                        && r.status() == ResultStatus.SUCCEEDED);
                send(genuine, replayChanged, Commands.command(edl.serial(), A09, T), Commands.command(unlisted, A09, A14),
                        marker);
                awaitResults(consumer, results, r -> r.commandId().equals(marker.commandId()));
                awaitResults(consumer, results, r -> r.serial().equals(edl.serial()) && r.status().isTerminal());
                awaitResults(consumer, results, r -> r.serial().equals(unlisted) && r.status().isTerminal());
            }

            assertThat(victim.executedCommands()).as("no forged command reached the victim's shell").isEmpty();
            assertThat(terminal(results, victim.serial())).extracting(RemediationResult::status)
                    .containsExactly(ResultStatus.REFUSED_SIGNATURE, ResultStatus.REFUSED_SIGNATURE,
                            ResultStatus.REFUSED_SIGNATURE, ResultStatus.REFUSED_SIGNATURE);
            assertThat(terminal(results, victim.serial())).extracting(RemediationResult::reason).allSatisfy(
                    reason -> assertThat(reason).containsAnyOf("not signed", "not in flapguard.updater.command-signing",
                            "does not match its content"));
            // The refused forgery with the genuine id was not stored, so the genuine command still ran — once.
            assertThat(good.flashCount()).isEqualTo(1);
            assertThat(terminal(results, good.serial())).filteredOn(r -> r.commandId().equals(genuine.commandId()))
                    .extracting(RemediationResult::status).containsExactly(ResultStatus.SUCCEEDED);
            assertThat(terminal(results, good.serial())).filteredOn(r -> r.commandId().equals(marker.commandId()))
                    .extracting(RemediationResult::status).containsExactly(ResultStatus.REFUSED_SIGNATURE);

            RemediationResult edlResult = terminal(results, edl.serial()).get(0);
            assertThat(edlResult.status()).isEqualTo(ResultStatus.FAILED);
            assertThat(edlResult.reason()).startsWith(Runbook.DOWNLOAD_MODE_REASON);
            assertThat(edl.flashCount()).isZero();
            assertThat(edl.executedCommands()).noneMatch(c -> c.startsWith("modem_updater") || c.startsWith("opkg"));
            io.flapguard.updater.testing.Logins.as("viewer").get("/attention").then().statusCode(200)
                    .body("find { it.serial == '" + edl.serial() + "' }.reason",
                            org.hamcrest.Matchers.startsWith(Runbook.DOWNLOAD_MODE_REASON));

            RemediationResult unlistedResult = terminal(results, unlisted).get(0);
            assertThat(unlistedResult.status()).isEqualTo(ResultStatus.REFUSED_VALIDATION);
            assertThat(unlistedResult.step()).isEqualTo("connect");
            assertThat(unlistedResult.reason()).contains("not in flapguard.updater.ssh.hosts-file");

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("flapguard_updater_commands_refused_total{reason=\"unsigned\"} 2.0",
                    "flapguard_updater_commands_refused_total{reason=\"unknown_key\"} 1.0",
                    "flapguard_updater_commands_refused_total{reason=\"bad_signature\"} 3.0",
                    "flapguard_updater_commands_refused_total{reason=\"no_address\"} 1.0");
        }
    }

    private static List<RemediationResult> terminal(List<RemediationResult> results, String serial) {
        return results.stream().filter(r -> r.serial().equals(serial) && r.status().isTerminal()).toList();
    }

    private static void send(RemediationCommand... commands) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestBrokersResource.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RemediationCommand c : commands) {
                // written as raw JSON: the producer side must not be what stops a forgery
                producer.send(new ProducerRecord<>(Topics.COMMANDS, c.serial(), WireCodec.encode(c))).get();
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestBrokersResource.kafka().bootstrapServers(), "group.id", "forged-test",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.RESULTS));
        return consumer;
    }

    private static void awaitResults(KafkaConsumer<String, byte[]> consumer, List<RemediationResult> results,
                                     Predicate<RemediationResult> wanted) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> results.add(WireCodec.decode(r.value(), RemediationResult.class)));
            return results.stream().anyMatch(wanted);
        });
    }
}
