package io.flapguard.updater;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.Logins;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.testing.TestBed;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Nothing is acknowledged before it is durable. A command whose job state cannot be written is not acknowledged
 * (its offset is not committed) and runs once the jobs topic takes writes again; a result that falls due while Kafka
 * is stopped is kept and delivered, once, after Kafka returns.
 */
/**
 * Nothing is acknowledged before it is durable: a command whose job state the jobs topic refuses is not acknowledged
 * (its offset is not committed) and runs once the jobs topic takes writes again.
 */
@QuarkusTest
class DurableIntakeTest {
    static final String JOBS_TOPIC = "flapguard.updater.jobs.v1";
    static final TopicPartition COMMANDS = new TopicPartition(Topics.COMMANDS, 0);

    @Test
    void aCommandWhoseJobCannotBeStoredIsNotAcknowledgedAndRunsOnceTheStoreWorksAgain() throws Exception {
        TestBed bed = new TestBed();
        SimulatedRouter router = RouterFixture.router("1800000001");
        try (SimulatedRouterServer server = bed.start(router, 0); Admin admin = Admin.create(Map.of("bootstrap.servers",
                TestBed.bootstrap()))) {
            bed.address(router.serial(), server.port());
            RemediationCommand command = Commands.command(router.serial(), "EG12EAPAR01A09M4G", RouterFixture.TARGET);
            long committedBefore = committed(admin);
            jobsTopicMaxBytes(admin, "64");   // every job record is larger: the broker refuses each write
            TestBed.send(command);

            await().atMost(Duration.ofSeconds(60)).until(() -> meter("flapguard_updater_command_store_failures_total") >= 3);
            assertThat(TestBed.resultsOf(command)).as("no result for a command that is not stored").isEmpty();
            assertThat(committed(admin)).as("its offset is not committed").isEqualTo(committedBefore);
            assertThat(router.executedCommands()).isEmpty();

            jobsTopicMaxBytes(admin, null);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestBed.resultsOf(command).stream()
                    .anyMatch(r -> r.status().isTerminal()));
            assertThat(TestBed.resultsOf(command)).filteredOn(r -> r.status().isTerminal())
                    .extracting(RemediationResult::status).containsExactly(ResultStatus.SUCCEEDED);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin) > committedBefore);
            assertThat(router.flashCount()).isEqualTo(1);
        }
    }

    private static void jobsTopicMaxBytes(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, JOBS_TOPIC);
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
    }

    /** The updater group's committed offset on the command partition, 0 when none. */
    private static long committed(Admin admin) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets("flapguard-updater").partitionsToOffsetAndMetadata()
                .get().get(COMMANDS);
        return offset == null ? 0 : offset.offset();
    }

    /** The value of an unlabelled meter from /q/metrics, 0 while absent. */
    private static double meter(String name) {
        return given().get("/q/metrics").then().extract().asString().lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
