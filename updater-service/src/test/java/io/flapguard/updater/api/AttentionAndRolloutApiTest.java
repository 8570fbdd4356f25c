package io.flapguard.updater.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.updater.jobs.JobTopicFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.Logins;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A router whose modem does not answer is marked for attention (GET /attention, gauge without serial labels), and
 * an operator's pause is written to the jobs topic as a {@code rollout/<id>} record so a restart keeps it.
 */
@QuarkusTest
class AttentionAndRolloutApiTest {
    static final String ROLLOUT = "rollout-" + RouterFixture.TARGET;

    @Test
    void muteModemIsMarkedForAttentionAndAPauseIsDurable() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/e2e"));
        RouterFixture fixture = new RouterFixture(Files.createTempDirectory(folder, "routers"));
        Files.copy(fixture.privateKey, folder.resolve("id_updater"), StandardCopyOption.REPLACE_EXISTING);
        SimulatedRouter router = RouterFixture.router("1600000001").modemState(ModemState.DOWNLOAD_MODE);
        try (SimulatedRouterServer server = fixture.start(router, true)) {
            Files.writeString(folder.resolve("known_hosts"), Files.readString(fixture.knownHosts));
            Files.writeString(folder.resolve("hosts"), router.serial() + " 127.0.0.1:" + server.port() + "\n");
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
            String bootstrap = TestBrokersResource.kafka().bootstrapServers();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS, command.serial(), WireCodec.encode(command))).get();
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Logins.as("viewer").get("/attention").then().statusCode(200)
                    .body("serial", hasItem(router.serial())).body("step", hasItem("identify")));
            Logins.as("viewer").get("/attention?limit=1&after=" + router.serial()).then().statusCode(200)
                    .body("serial", org.hamcrest.Matchers.not(hasItem(router.serial())));
            Logins.as("viewer").get("/attention?limit=0").then().statusCode(400);
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            List<String> gauge = metrics.lines().filter(l -> l.startsWith("flapguard_updater_routers_needing_attention")).toList();
            assertThat(gauge).hasSize(1);
            assertThat(gauge.get(0)).endsWith(" 1.0").doesNotContain(router.serial()).doesNotContain("{");
            assertThat(router.flashCount()).isZero();
            // the console's per-router view of the rollout: where the router's update ended and that it needs a person
            Logins.as("viewer").get("/rollouts/" + ROLLOUT + "/routers").then().statusCode(200)
                    .body("serial", org.hamcrest.Matchers.contains(router.serial()))
                    .body("[0].commandId", org.hamcrest.Matchers.equalTo(command.commandId()))
                    .body("[0].attention", org.hamcrest.Matchers.equalTo(true))
                    .body("[0].attempt", org.hamcrest.Matchers.equalTo(1));
            Logins.as("viewer").get("/rollouts/no-such-rollout/routers").then().statusCode(404);
            given().get("/rollouts/" + ROLLOUT + "/routers").then().statusCode(401);
        }

        Logins.as("operator").body("{\"reason\": \"checking the mute modem\"}").post("/rollouts/" + ROLLOUT + "/pause").then().statusCode(204);
        JsonNode saved = lastRolloutRecord(TestBrokersResource.kafka().bootstrapServers());
        assertThat(saved.get("v").asInt()).as("the jobs topic's format version").isEqualTo(JobTopicFormat.VERSION);
        assertThat(saved.get("rollout").get("state").asText()).isEqualTo("PAUSED");
        assertThat(saved.get("rollout").get("pausedReason").asText()).isEqualTo("checking the mute modem");
        Logins.as("operator").body("{}").post("/rollouts/no-such-rollout/pause").then().statusCode(409);
    }

    /** The newest {@code rollout/<id>} record on the jobs topic. */
    private static JsonNode lastRolloutRecord(String bootstrap) throws Exception {
        JsonNode last = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition("flapguard.updater.jobs.v1", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if ((io.flapguard.updater.rollout.RolloutRecord.KEY_PREFIX + ROLLOUT).equals(r.key())) {
                        last = new ObjectMapper().readTree(r.value());
                    }
                }
            }
        }
        assertThat(last).as("a rollout record on the jobs topic").isNotNull();
        return last;
    }
}
