package io.flapguard.analyzer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Through the real app on the real embedded broker: the seed fleet's telemetry as JSON on
 * fleet.telemetry.v1 gives commands on fleet.remediation.commands.v1, and the REST API and metrics show them.
 */
@QuarkusTest
class AnalyzerPipelineTest {

    @Test
    void seedFleetTelemetryBecomesCommandsRestViewsAndMetrics() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = io.flapguard.analyzer.topology.SeedScenarioTestAccess.seedFleet(flapping);
        String bootstrap = TestBrokersResource.kafka().bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            // bad input first: skipped and counted, the stream keeps going
            producer.send(new ProducerRecord<>(Topics.TELEMETRY, "1117759400", "{not json"));
            fleet.messages.stream().sorted(java.util.Comparator.comparing(m -> m.time())).forEach(m ->
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, m.serial(), WireCodec.encodeToString(m))));
            producer.flush();
        }

        List<RemediationCommand> commands = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMANDS));
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r ->
                        commands.add(WireCodec.decode(r.value(), RemediationCommand.class)));
                return commands.size() >= flapping.size();
            });
        }
        assertThat(commands).extracting(RemediationCommand::serial).containsExactlyInAnyOrderElementsOf(flapping);
        assertThat(commands).allSatisfy(c -> assertThat(c.targetFirmware()).isEqualTo(FleetTimeline.A12));

        viewer().get("/api/routers/" + flapping.get(0)).then().statusCode(200)
                .body("diagnosis.state", equalTo("FLAPPING")).body("diagnosis.cause", equalTo("FIRMWARE"))
                .body("openCommand.targetFirmware", equalTo(FleetTimeline.A12));
        viewer().get("/api/routers/unknown-router").then().statusCode(404);
        // fleet facts reach the global store on their own schedule: a router's own evidence (a rate jump at the
        // firmware change) can get it a command before its cohort's figures are in
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> viewer().get("/api/cohorts").then()
                .statusCode(200).body("findAll { it.implicated && it.cohort.modemModel == 'EG12' }", hasSize(1)));
        viewer().get("/api/commands/open").then().statusCode(200).body("items", hasSize(flapping.size()));
        // every list pages: at most `limit` items, `next` says where the next page starts
        String next = viewer().get("/api/commands/open?limit=4").then().statusCode(200).body("items", hasSize(4))
                .extract().path("next");
        viewer().get("/api/commands/open?limit=4&after=" + next).then().statusCode(200)
                .body("items", hasSize(flapping.size() - 4)).body("next", org.hamcrest.Matchers.nullValue());
        viewer().get("/api/commands/open?limit=100000").then().statusCode(400);
        consoleViews(flapping);
        // nobody reads the fleet without logging in; health and metrics stay open for probes and Prometheus
        given().get("/api/cohorts").then().statusCode(401).body(containsString("authentication required"));
        given().get("/api/routers/" + flapping.get(0)).then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        viewer().get("/q/openapi").then().statusCode(200).body(containsString("/api/cohorts"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("flapguard_analyzer_commands_total{modem_model=\"EG12\",target_firmware=\""
                        + FleetTimeline.A12 + "\"} 6.0"))
                .body(containsString("flapguard_analyzer_flapping_routers{cause=\"firmware\""))
                .body(containsString("flapguard_analyzer_state_bytes"))
                .body(containsString("flapguard_analyzer_rejected_records_total{reason=\"undecodable\"} 1.0")));
    }

    /** What the console reads: the fleet summary, a router list to search, a router's timeline, who is logged in. */
    private static void consoleViews(List<String> flapping) {
        String serial = flapping.get(0);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> viewer().get("/api/fleet/summary").then()
                .statusCode(200).body("byState.flapping", equalTo(flapping.size()))
                .body("byCause.FIRMWARE", equalTo(flapping.size())));
        viewer().get("/api/routers?state=flapping&limit=1000").then().statusCode(200)
                .body("items.serial", org.hamcrest.Matchers.containsInAnyOrder(flapping.toArray()))
                .body("items[0].cause", equalTo("FIRMWARE")).body("items[0].openCommand", equalTo(true));
        viewer().get("/api/routers?serial=" + serial).then().statusCode(200)
                .body("items.serial", org.hamcrest.Matchers.hasItem(serial))
                .body("items.serial", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith(serial)));
        String second = viewer().get("/api/routers?state=flapping&limit=1").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("next");
        viewer().get("/api/routers?state=flapping&limit=1000&after=" + second).then()
                .body("items", hasSize(flapping.size() - 1));
        viewer().get("/api/routers?cause=nonsense").then().statusCode(400);
        viewer().get("/api/routers?serial=a;b").then().statusCode(400);
        viewer().get("/api/routers/" + serial + "/timeline").then().statusCode(200)
                .body("incidents.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                .body("incidents.incidentClass", org.hamcrest.Matchers.hasItem("modem"))
                .body("penaltyStart", equalTo(2100.0f))
                .body("penalty.value.max()", org.hamcrest.Matchers.greaterThanOrEqualTo(2100.0f));
        viewer().get("/me").then().statusCode(200).body("name", equalTo("viewer")).body("roles", equalTo(List.of("viewer")));
        given().get("/me").then().statusCode(401);
        // the console's pages are open (they hold no data); the analyzer's address leads to them
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/"));
        given().get("/console/").then().statusCode(200).body(containsString("console.js"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        // the updater proxy passes only the console's paths
        viewer().get("/updater/q/health").then().statusCode(404);
        viewer().get("/updater/rollouts/../q/metrics").then().statusCode(404);
    }

    /** A user of src/test/resources/test-users with role viewer. */
    private static io.restassured.specification.RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "viewer-test-password");
    }
}
