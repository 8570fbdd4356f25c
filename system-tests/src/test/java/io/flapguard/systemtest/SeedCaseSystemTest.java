package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.deploy.PromtoolCheck;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed case end to end: routers flap after the router upgrade on modem firmware A09; FlapGuard must update
 * exactly those to A12 over SSH, once each, and then see the flapping gone.
 */
class SeedCaseSystemTest {
    static final double SECONDS_PER_DAY = 90;

    @TempDir
    Path data;

    static Map<String, String> fastLoop() {
        Map<String, String> p = new HashMap<>();
        p.put("flapguard.analyzer.verification.period", "PT24H");
        p.put("flapguard.analyzer.reevaluate-interval", "PT5S");
        p.put("flapguard.analyzer.gauge-refresh", "PT5S");
        p.put("flapguard.updater.timeouts.poll-interval", "PT1S");
        return p;
    }

    @Test
    void everyFlappingA09RouterIsUpdatedOnceAndVerifiedAndNoOtherRouterIsTouched() {
        Path scenario = RunningSystem.scenario("seed-case", 4, Map.of(), data);
        try (RunningSystem system = RunningSystem.start(data, scenario, SECONDS_PER_DAY, fastLoop());
                AlertWatch alerts = AlertWatch.startIfInstalled(system, data)) {
            closesTheLoop(system, data, "seed case");
            // Prometheus scraping the live services: the firmware-cohort alert reached Alertmanager while the A09
            // routers flapped, and resolves now that they are updated and verified.
            alerts.ifInstalled(a -> {
                a.awaitFired("FlapGuardFirmwareCohortFlapping", Duration.ofSeconds(30));
                a.awaitResolved("FlapGuardFirmwareCohortFlapping", Duration.ofMinutes(4));
                assertThat(a.everFired("FlapGuardRemediationFailedToFix")).isFalse();
            });
            checkMetricsWithPromtool(system);
        }
    }

    /**
     * The seed case's outcome: the 12 flapping routers each get one signed command, one flash and a verified
     * outcome; no other router is touched.
     */
    static void closesTheLoop(RunningSystem system, Path data, String title) {
        Set<String> flapping = system.serialsOfGroup("a09-upgraded");
        assertThat(flapping).hasSize(12);
        Map<String, Instant> verifiedAt = awaitVerified(system, flapping);

        Map<String, Integer> flashes = system.flashCounts();
        for (String serial : flashes.keySet()) {
            boolean shouldBeFixed = flapping.contains(serial);
            assertThat(flashes.get(serial)).as("flashes of %s", serial).isEqualTo(shouldBeFixed ? 1 : 0);
            if (shouldBeFixed) {
                assertThat(system.modemFirmware(serial)).isEqualTo("EG12EAPAR01A12M4G");
            }
        }
        var commands = system.recorder.all(Topics.COMMANDS, RemediationCommand.class);
        assertThat(commands).extracting(RemediationCommand::serial).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(flapping);
        assertThat(commands).allMatch(c -> c.targetFirmware().equals("EG12EAPAR01A12M4G"));
        // The stack made the key pair in its data folder; every command the analyzer sent is signed with it.
        var pinned = Map.of("local-stack", io.flapguard.wire.SigningKeys.readPublic(
                data.resolve("signing/analyzer-local-stack.pub.pem")));
        assertThat(commands).allSatisfy(c -> assertThat(io.flapguard.wire.CommandSignature.verify(c, pinned)).isEmpty());
        assertThat(system.verifications()).doesNotContainValue("failed_to_fix");
        assertThat(terminalResultsPerCommand(system)).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

        LoopTimings.report(title, flapping, system, verifiedAt, SECONDS_PER_DAY);
    }

    /** Waits up to 9 minutes until every router in {@code serials} is verified; when each was first seen so. */
    static Map<String, Instant> awaitVerified(RunningSystem system, Set<String> serials) {
        Map<String, Instant> verifiedAt = new HashMap<>();
        try {
            await().atMost(Duration.ofMinutes(9)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                system.verifications().forEach((serial, outcome) -> {
                    if (outcome.equals("verified")) {
                        verifiedAt.putIfAbsent(serial, Instant.now());
                    }
                });
                assertThat(verifiedAt.keySet()).containsAll(serials);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println(LoopProgress.describe(system));
            throw e;
        }
        return verifiedAt;
    }

    /** After a full loop every FlapGuard metric family exists; promtool lints them as Prometheus scrapes them. */
    static void checkMetricsWithPromtool(RunningSystem system) {
        Map<String, String> mustShow = Map.of(
                "telemetry-service", "flapguard_telemetry_records_produced_total",
                "analyzer-service", "flapguard_analyzer_commands_total",
                "updater-service", "flapguard_updater_results_total");
        mustShow.forEach((service, metric) -> {
            String exposition = system.metrics(service);
            assertThat(exposition).contains(metric).doesNotContain("serial=");
            if (PromtoolCheck.promtool().isEmpty()) {
                System.out.println("SKIPPED promtool check metrics of " + service
                        + ": promtool is not installed (apt install prometheus)");
                return;
            }
            PromtoolCheck.Result lint = PromtoolCheck.checkFlapGuardMetrics(exposition);
            assertThat(lint.ok()).as("promtool check metrics on %s:%n%s", service, lint.output()).isTrue();
        });
    }

    static Map<String, Long> terminalResultsPerCommand(RunningSystem system) {
        return system.recorder.all(Topics.RESULTS, RemediationResult.class).stream()
                .filter(r -> r.status().isTerminal())
                .collect(Collectors.groupingBy(RemediationResult::commandId, Collectors.counting()));
    }

    /** First disconnect evidence of each router, as telemetry put it on Kafka. */
    static Map<String, Instant> firstEvidence(RunningSystem system) {
        Map<String, Instant> first = new HashMap<>();
        for (var seen : system.recorder.seen(Topics.TELEMETRY)) {
            if (seen.as(TelemetryMessage.class) instanceof RouterEvent e && e.kind().isDisconnectEvidence()) {
                first.putIfAbsent(e.serial(), seen.seenAt());
            }
        }
        return first;
    }
}
