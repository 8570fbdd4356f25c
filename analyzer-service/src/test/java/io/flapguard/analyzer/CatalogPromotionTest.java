package io.flapguard.analyzer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A second modem family the catalog does not know (RUTX11/EG06: A18 flapping, A20 stable): the cohort is implicated
 * and the fleet suggests A20, but nothing is flashed until an approver promotes the suggestion; then the flapping
 * routers get commands. Through the real app on the real embedded broker.
 */
@QuarkusTest
class CatalogPromotionTest {
    static final String A18 = "EG06ELAR04A18M4G";
    static final String A20 = "EG06ELAR04A20M4G";
    static final Instant DAY0 = Instant.parse("2026-05-04T00:00:00Z");

    static StatusSnapshot status(String serial, Instant t, String modemFw) {
        return StatusSnapshot.builder().id("st-" + StableId.of(serial, t.toString())).serial(serial).time(t)
                .receivedAt(t).format("agent-json").routerModel("RUTX11").routerFirmware("RUTX_R_00.07.06.1")
                .modemModel("EG06").modemFirmware(modemFw).operator("Elisa").rsrp(-84).sinr(13.0).build();
    }

    @Test
    void aLearnedTargetDrivesCommandsOnlyOncePromoted() {
        List<TelemetryMessage> fleet = new ArrayList<>();
        List<String> flapping = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            String serial = "61100" + (10 + r);
            boolean bad = r < 6;
            if (bad) {
                flapping.add(serial);
            }
            for (int h = 0; h < 72; h++) {
                fleet.add(status(serial, DAY0.plusSeconds(3600L * h), bad ? A18 : A20));
                if (bad && h % 4 == 1) {
                    fleet.add(SeedFixture.event(serial, EventKind.MODEM_USB_DISCONNECT, LogSource.KERNEL,
                            DAY0.plusSeconds(3600L * h + 60 * r), "usb 1-1: USB disconnect, device number " + h));
                }
            }
        }
        String bootstrap = TestBrokersResource.kafka().bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            fleet.stream().sorted(Comparator.comparing(TelemetryMessage::time)).forEach(m ->
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, m.serial(), WireCodec.encodeToString(m))));
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> viewer().get("/api/catalog").then()
                .statusCode(200).body("suggestions.toFirmware", hasItem(A20)));
        viewer().get("/api/routers/" + flapping.get(0)).then().statusCode(200)
                .body("diagnosis.cause", equalTo("FIRMWARE"))
                .body("diagnosis.evidence.note", containsString("an approver can promote it"));

        Map<String, String> good = Map.of("modemModel", "EG06", "fromFirmware", A18, "toFirmware", A20,
                "reason", "A20 stable on 14 routers for 3 days");
        // only approvers promote, and not cross-site
        given().contentType(ContentType.JSON).body(good).post("/api/catalog/promotions").then().statusCode(401);
        viewer().contentType(ContentType.JSON).body(good).post("/api/catalog/promotions").then().statusCode(403)
                .body(containsString("needs role approver"));
        approver().contentType(ContentType.TEXT).body(good.toString()).post("/api/catalog/promotions").then()
                .statusCode(403).body(containsString("cross-site"));
        approver().contentType(ContentType.JSON).body(Map.of("modemModel", "EG06", "fromFirmware", A20,
                "toFirmware", A18, "reason", "oops")).post("/api/catalog/promotions").then().statusCode(400)
                .body(containsString("no downgrades"));
        approver().contentType(ContentType.JSON).body(good).post("/api/catalog/promotions")
                .then().statusCode(201).body("toFirmware", equalTo(A20));

        List<RemediationCommand> commands = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMANDS));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    RemediationCommand c = WireCodec.decode(r.value(), RemediationCommand.class);
                    if ("EG06".equals(c.modemModel())) {
                        commands.add(c);
                    }
                });
                return commands.size() >= flapping.size();
            });
        }
        assertThat(commands).extracting(RemediationCommand::serial).containsExactlyInAnyOrderElementsOf(flapping);
        assertThat(commands).allSatisfy(c -> assertThat(c.reason()).contains("promoted target " + A20));
        viewer().get("/api/catalog").then().body("promoted.promotedBy", hasItem("approver"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(viewer().get("/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.record", Map.class))
                .extracting(r -> r.get("who") + " " + r.get("action") + " " + r.get("target") + " " + r.get("status"))
                .containsExactly("anonymous catalog.promote null 401",
                        "viewer catalog.promote null 403",
                        "approver catalog.promote null 403",
                        "approver catalog.promote EG06:" + A20 + "->" + A18 + " 400",
                        "approver catalog.promote EG06:" + A18 + "->" + A20 + " 201"));
    }

    private static io.restassured.specification.RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "viewer-test-password");
    }

    private static io.restassured.specification.RequestSpecification approver() {
        return given().auth().preemptive().basic("approver", "approver-test-password");
    }
}
