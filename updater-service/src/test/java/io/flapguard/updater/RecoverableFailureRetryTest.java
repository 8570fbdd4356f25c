package io.flapguard.updater;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.flapguard.brokers.Ports;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.Logins;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.testing.TestBed;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router that is offline (connection refused) is tried again with backoff and updated once it answers; one that
 * never answers ends with one terminal FAILED result after the last attempt and goes on the attention list. Each
 * attempt shows in the results (attempt number, failure kind), in GET /jobs/{id} and in the metrics; the retries do
 * not count as failures of the rollout.
 */
@QuarkusTest
class RecoverableFailureRetryTest {

    @Test
    void offlineRoutersAreRetriedWithBackoffAndGiveUpAfterTheLastAttempt() {
        TestBed bed = new TestBed();
        SimulatedRouter late = RouterFixture.router("1700000001");
        SimulatedRouter gone = RouterFixture.router("1700000002");
        int latePort = Ports.free();
        bed.address(late.serial(), latePort);
        bed.address(gone.serial(), Ports.free());   // nothing will ever listen there
        RemediationCommand first = Commands.command(late.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
        RemediationCommand second = Commands.command(gone.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
        TestBed.send(first, second);   // the canary is the router that comes back

        await().atMost(Duration.ofSeconds(30)).until(() -> TestBed.resultsOf(first).stream()
                .anyMatch(r -> r.failureKind() == FailureKind.RECOVERABLE));
        try (SimulatedRouterServer server = bed.start(late, latePort)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> TestBed.resultsOf(first).stream()
                    .anyMatch(r -> r.status().isTerminal()));
            List<RemediationResult> ofFirst = TestBed.resultsOf(first);
            RemediationResult retried = ofFirst.stream().filter(r -> r.failureKind() == FailureKind.RECOVERABLE)
                    .findFirst().orElseThrow();
            assertThat(retried.status()).as("a retry is not terminal").isEqualTo(ResultStatus.QUEUED);
            assertThat(retried.attempt()).isEqualTo(1);
            assertThat(retried.step()).isEqualTo("connect");
            assertThat(retried.reason()).contains("attempt 2 of 4");
            RemediationResult end = ofFirst.stream().filter(r -> r.status().isTerminal()).findFirst().orElseThrow();
            assertThat(end.status()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(end.attempt()).isGreaterThanOrEqualTo(2);
            assertThat(end.failureKind()).isNull();
            assertThat(late.flashCount()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(60)).until(() -> TestBed.resultsOf(second).stream()
                    .anyMatch(r -> r.status().isTerminal()));
            List<RemediationResult> ofSecond = TestBed.resultsOf(second);
            assertThat(ofSecond).filteredOn(r -> r.status().isTerminal()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
                assertThat(r.attempt()).isEqualTo(4);
                assertThat(r.failureKind()).isEqualTo(FailureKind.RECOVERABLE);
                assertThat(r.reason()).contains("gave up after 4 attempts");
            });
            assertThat(ofSecond).filteredOn(r -> r.failureKind() == FailureKind.RECOVERABLE && !r.status().isTerminal())
                    .extracting(RemediationResult::attempt).containsExactly(1, 2, 3);
        }

        Logins.as("viewer").get("/jobs/" + second.commandId()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("FAILED"))
                .body("attempt", org.hamcrest.Matchers.equalTo(4))
                .body("attempts.size()", org.hamcrest.Matchers.equalTo(4))
                .body("attempts.failureKind", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("RECOVERABLE")))
                .body("unacknowledgedResults", org.hamcrest.Matchers.equalTo(0));
        Logins.as("viewer").get("/jobs/cmd-00000000000000000000000000000000").then().statusCode(404);
        Logins.as("viewer").get("/attention").then().statusCode(200).body("serial", hasItem(gone.serial()))
                .body("serial", org.hamcrest.Matchers.not(hasItem(late.serial())));
        // the three retries of the canary's wave-mate were no failures of the rollout: only its terminal one counts
        Logins.as("viewer").get("/rollouts").then().statusCode(200).body("[0].failed", org.hamcrest.Matchers.equalTo(1))
                .body("[0].succeeded", org.hamcrest.Matchers.equalTo(1));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("flapguard_updater_retries_total{decision=\"exhausted\"} 1.0")
                .doesNotContain(gone.serial()).doesNotContain(late.serial());
        double recoverable = metrics.lines()
                .filter(l -> l.startsWith("flapguard_updater_attempt_failures_total{kind=\"RECOVERABLE\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(recoverable).isGreaterThanOrEqualTo(5);   // at least 1 of the canary + 4 of the lost router
    }
}
