package io.flapguard.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TelemetryHealthTest {
    @Test
    void readyWithItsBrokersAndServesPrometheusMetrics() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("mqtt-ingest")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("flapguard_telemetry_messages_received_total{kind=\"log\"}"))
                .body(containsString("flapguard_telemetry_inflight_messages"))
                .body(containsString("flapguard_telemetry_ingest_latency_seconds_bucket"));
    }

    @Test
    void everythingButHealthAndMetricsNeedsALogin() {
        given().get("/q/openapi").then().statusCode(401);
        given().get("/audit").then().statusCode(401).body(containsString("authentication required"));
        given().auth().preemptive().basic("viewer", "viewer-test-password").get("/audit").then().statusCode(200);
        given().auth().preemptive().basic("viewer", "wrong").get("/audit").then().statusCode(401);
    }
}
