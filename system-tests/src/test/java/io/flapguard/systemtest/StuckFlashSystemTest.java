package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Most flapping routers' flashes stick at 6 %: the rollout must stop at its thresholds, not flash on. */
class StuckFlashSystemTest {
    @TempDir
    Path data;

    @Test
    void aWaveOfStuckFlashesPausesTheRolloutAtItsFailureThreshold() {
        Path scenario = RunningSystem.scenario("stuck-flash", 3, Map.of(), data);
        Map<String, String> props = SeedCaseSystemTest.fastLoop();
        props.put("flapguard.updater.timeouts.flash", "PT10S");
        try (RunningSystem system = RunningSystem.start(data, scenario, 90, props);
                AlertWatch alerts = AlertWatch.startIfInstalled(system, data)) {
            Set<String> stuck = system.serialsOfGroup("a09-stuck");

            await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    system.rollouts().stream().anyMatch(r -> r.path("state").asText().equals("PAUSED")));
            JsonNode rollout = system.rollouts().get(0);
            // Either a wave (the canary first) ended below its success share, or the failure share passed.
            assertThat(rollout.path("pausedReason").asText()).matches("(?i).*(fail|below the success share).*");

            var results = system.recorder.all(Topics.RESULTS, RemediationResult.class);
            long failed = results.stream().filter(r -> r.status() == ResultStatus.TIMED_OUT
                    || r.status() == ResultStatus.FAILED).count();
            assertThat(failed).isPositive();
            Map<String, Integer> flashes = system.flashCounts();
            assertThat(flashes.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
            long stuckTried = stuck.stream().filter(s -> flashes.get(s) == 1).count();
            // The pause stopped the rollout: most stuck routers were never touched.
            assertThat(stuckTried).isLessThan(stuck.size() / 2);
            // the paused rollout reaches Alertmanager through Prometheus scraping the updater
            alerts.ifInstalled(a -> a.awaitFired("FlapGuardRolloutPaused", Duration.ofSeconds(60)));
            System.out.printf("%nStuck flash: rollout paused (%s) after %d failed updates; %d of %d stuck routers "
                    + "were tried, none twice.%n", rollout.path("pausedReason").asText(), failed, stuckTried,
                    stuck.size());
        }
    }
}
