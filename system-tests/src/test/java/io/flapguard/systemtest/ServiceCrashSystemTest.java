package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of each service in turn while the loop runs, then a restart: the loop still completes, and no router
 * is flashed twice or left behind.
 */
class ServiceCrashSystemTest {
    @TempDir
    Path data;

    @Test
    void theLoopSurvivesKillingEachServiceInTurn() {
        // Flashing takes 4 simulated hours (about 15 s) so the updater can be killed in the middle of one.
        Path scenario = RunningSystem.scenario("seed-case", 4, Map.of("(?m)^flashDuration: PT\\w+",
                "flashDuration: PT4H"), data);
        try (RunningSystem system = RunningSystem.start(data, scenario, 90, SeedCaseSystemTest.fastLoop())) {
            Set<String> flapping = system.serialsOfGroup("a09-upgraded");

            await().atMost(Duration.ofMinutes(4)).until(() -> !system.recorder.seen(Topics.COMMANDS).isEmpty());
            crash(system, "telemetry-service");
            crash(system, "analyzer-service");
            await().atMost(Duration.ofMinutes(4)).until(() -> system.recorder.all(Topics.RESULTS,
                    RemediationResult.class).stream().anyMatch(r -> "update".equals(r.step())
                            && r.status() == ResultStatus.IN_PROGRESS && r.percent() != null && r.percent() > 0));
            crash(system, "updater-service");

            Map<String, Instant> verifiedAt = SeedCaseSystemTest.awaitVerified(system, flapping);

            Map<String, Integer> flashes = system.flashCounts();
            flashes.forEach((serial, n) -> assertThat(n).as("flashes of %s", serial)
                    .isEqualTo(flapping.contains(serial) ? 1 : 0));
            assertThat(system.recorder.all(Topics.COMMANDS, RemediationCommand.class))
                    .extracting(RemediationCommand::serial).containsOnlyElementsOf(flapping);
            assertThat(SeedCaseSystemTest.terminalResultsPerCommand(system))
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            LoopTimings.report("seed case with kill -9 of every service", flapping, system, verifiedAt, 90);
        }
    }

    private static void crash(RunningSystem system, String service) {
        long pid = system.stack.service(service).pid();
        system.stack.kill(service);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        system.stack.restart(service);
        System.out.println("killed -9 and restarted " + service);
    }
}
