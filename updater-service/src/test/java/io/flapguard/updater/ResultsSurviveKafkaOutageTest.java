package io.flapguard.updater;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.Logins;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.testing.TestBed;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing is acknowledged before it is durable. A command whose job state cannot be written is not acknowledged
 * (its offset is not committed) and runs once the jobs topic takes writes again; a result that falls due while Kafka
 * is stopped is kept and delivered, once, after Kafka returns.
 */
/**
 * A result that falls due while Kafka is stopped is kept (the job's state waits, the outbox keeps it) and delivered,
 * once, after Kafka returns; the flash is not disturbed by progress that cannot be sent.
 */
@QuarkusTest
class ResultsSurviveKafkaOutageTest {

    @Test
    void aResultDueWhileKafkaIsStoppedIsDeliveredOnceAfterItReturns() {
        TestBed bed = new TestBed();
        SimulatedRouter router = RouterFixture.router("1800000002").updateDuration(Duration.ofSeconds(8));
        try (SimulatedRouterServer server = bed.start(router, 0)) {
            bed.address(router.serial(), server.port());
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
            TestBed.send(command);
            await().atMost(Duration.ofSeconds(60)).until(() -> router.modemState() == ModemState.DOWNLOAD_MODE);
            TestBrokersResource.kafka().stop();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> RouterFixture.TARGET.equals(router.modemFirmware())
                        && meter("flapguard_updater_job_writes_waiting") >= 1);
            } finally {
                TestBrokersResource.kafka().restart();
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> TestBed.resultsOf(command).stream()
                    .anyMatch(r -> r.status().isTerminal()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Logins.as("viewer").get("/jobs/" + command.commandId())
                    .then().statusCode(200).body("unacknowledgedResults", org.hamcrest.Matchers.equalTo(0)));
            List<RemediationResult> results = TestBed.resultsOf(command);
            assertThat(results).filteredOn(r -> r.status().isTerminal()).extracting(RemediationResult::status)
                    .as(results.toString()).containsExactly(ResultStatus.SUCCEEDED);
            assertThat(router.flashCount()).isEqualTo(1);
        }
    }

    /** The value of an unlabelled meter from /q/metrics, 0 while absent. */
    private static double meter(String name) {
        return given().get("/q/metrics").then().extract().asString().lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
