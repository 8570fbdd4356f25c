package io.flapguard.updater.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.Logins;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Who may act on a rollout, through the real updater: a rollout that paused itself (its canary failed: the router
 * has no SSH address) is poked by anonymous callers, wrong passwords, wrong roles, cross-site requests and the
 * right roles; each answer is checked, and each attempt must be in the audit trail read back over REST.
 */
@QuarkusTest
class WhoMayActTest {
    static final String SERIAL = "1700000001";
    static final String ROLLOUT = "/rollouts/rollout-EG12EAPAR01A12M4G";

    @Test
    void onlyTheRightRolesActSameSiteAndEveryAttemptIsAudited() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/e2e"));
        Files.writeString(folder.resolve("hosts"), "");
        send(Commands.command(SERIAL, "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Logins.as("viewer").get("/rollouts").then()
                .statusCode(200).body("[0].state", org.hamcrest.Matchers.equalTo("PAUSED"))
                .body("[0].pausedOnFailures", org.hamcrest.Matchers.equalTo(true)));

        // reading: anonymous refused with one line; health and metrics stay open; OpenAPI needs a login
        given().get("/rollouts").then().statusCode(401).body(containsString("authentication required"))
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue()); // no browser prompt, nothing cached
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(401);
        Logins.as("viewer").get("/q/openapi").then().statusCode(200);
        given().get("/audit").then().statusCode(401);

        // acting: who is refused, and why
        given().contentType(ContentType.JSON).body("{}").post(ROLLOUT + "/resume").then().statusCode(401);
        given().auth().preemptive().basic("operator", "guess").contentType(ContentType.JSON).body("{}")
                .post(ROLLOUT + "/pause").then().statusCode(401).body(containsString("authentication failed"));
        Logins.as("viewer").body("{}").post(ROLLOUT + "/pause").then().statusCode(403)
                .body(containsString("needs role operator"));
        Logins.as("operator").body("{}").post(ROLLOUT + "/approve").then().statusCode(403)
                .body(containsString("needs role approver"));

        // cross-site: a foreign Origin, a form post (what a page can send without a preflight), a browser's mark
        Logins.as("operator").header("Origin", "http://evil.example").body("{\"reason\": \"x\"}")
                .post(ROLLOUT + "/resume").then().statusCode(403).body(containsString("cross-site"));
        given().auth().preemptive().basic("operator", "operator-test-password")
                .contentType("application/x-www-form-urlencoded").formParam("reason", "x")
                .post(ROLLOUT + "/resume").then().statusCode(403).body(containsString("application/json"));
        Logins.as("operator").header("Sec-Fetch-Site", "cross-site").body("{\"reason\": \"x\"}")
                .post(ROLLOUT + "/resume").then().statusCode(403).body(containsString("cross-site"));

        // a rollout that paused itself on failures resumes only with a reason
        Logins.as("operator").body("{}").post(ROLLOUT + "/resume").then().statusCode(400)
                .body(containsString("needs a reason"));
        Logins.as("operator").header("Origin", RestAssured.baseURI + ":" + RestAssured.port) // this service itself
                .body("{\"reason\": \"canary had no address; fixed the hosts file\"}").post(ROLLOUT + "/resume")
                .then().statusCode(204);
        Logins.as("viewer").get("/rollouts").then().body("[0].state", not("PAUSED"));
        Logins.as("approver").body("{}").post(ROLLOUT + "/approve").then().statusCode(204);
        Logins.as("admin").body("{\"reason\": \"test over\"}").post(ROLLOUT + "/cancel").then().statusCode(204);

        List<Map<String, Object>> expected = List.of(
                row("anonymous", "rollout.resume", "REFUSED", 401),
                row("anonymous", "rollout.pause", "REFUSED", 401),
                row("viewer", "rollout.pause", "REFUSED", 403),
                row("operator", "rollout.approve", "REFUSED", 403),
                row("operator", "rollout.resume", "REFUSED", 403),
                row("operator", "rollout.resume", "REFUSED", 403),
                row("operator", "rollout.resume", "REFUSED", 403),
                row("operator", "rollout.resume", "REJECTED", 400),
                row("operator", "rollout.resume", "ACCEPTED", 204),
                row("approver", "rollout.approve", "ACCEPTED", 204),
                row("admin", "rollout.cancel", "ACCEPTED", 204));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(auditRows(-1, 100)).isEqualTo(expected));

        JsonPath all = audit(-1, 100);
        assertThat(all.getString("items.find { it.record.status == 204 && it.record.action == 'rollout.resume' }"
                + ".record.reason")).isEqualTo("canary had no address; fixed the hosts file");
        assertThat(all.getList("items.record.target", String.class)).containsOnly("rollout-EG12EAPAR01A12M4G");
        assertThat(all.getList("items.record.service", String.class)).containsOnly("updater-service");
        assertThat(all.getString("items[2].record.detail")).contains("needs role operator");

        // paging: limit and after walk the trail without gaps or repeats
        JsonPath first = audit(-1, 4);
        JsonPath rest = audit(first.getLong("next"), 100);
        assertThat(first.getList("items")).hasSize(4);
        assertThat(rest.getList("items")).hasSize(expected.size() - 4);
        assertThat(rest.getLong("items[0].seq")).isEqualTo(first.getLong("next") + 1);
        Logins.as("viewer").queryParam("limit", 0).get("/audit").then().statusCode(400)
                .body(containsString("limit must be between"));
    }

    private static Map<String, Object> row(String who, String action, String outcome, int status) {
        return Map.of("who", who, "action", action, "outcome", outcome, "status", status);
    }

    private static List<Map<String, Object>> auditRows(long after, int limit) {
        return audit(after, limit).getList("items.record", Map.class).stream()
                .map(r -> row((String) r.get("who"), (String) r.get("action"), (String) r.get("outcome"),
                        (Integer) r.get("status")))
                .toList();
    }

    static JsonPath audit(long after, int limit) {
        return Logins.as("viewer").queryParam("after", after).queryParam("limit", limit).get("/audit").then()
                .statusCode(200).extract().jsonPath();
    }

    private static void send(RemediationCommand command) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestBrokersResource.kafka().bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS, command.serial(), WireCodec.encode(command))).get();
        }
    }
}
