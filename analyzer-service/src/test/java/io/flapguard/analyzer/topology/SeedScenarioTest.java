package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static io.flapguard.analyzer.FleetTimeline.upgradedAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.FleetTimeline;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.RemediationCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The case FlapGuard was born from: a RUTX14/EG12 fleet is upgraded to router firmware RUTX_R_00.07.02.7 at
 * hour 24; the routers whose modem runs EG12EAPAR01A09M4G then drop several times a day (replaying the real
 * forum log lines), those on EG12EAPAR01A12M4G stay stable.
 */
class SeedScenarioTest {
    static final int UPGRADE_HOUR = 24;

    /** Six flapping A09 routers, six stable A12 routers, one A09 router never upgraded, one A12 with one drop. */
    static FleetTimeline seedFleet(List<String> flapping, List<String> stable) {
        FleetTimeline fleet = new FleetTimeline();
        for (int i = 0; i < 6; i++) {
            String a09 = "1117759" + (400 + i);
            String a12 = "1117759" + (500 + i);
            flapping.add(a09);
            stable.add(a12);
            fleet.hourlyStatus(a09, 0, 72, upgradedAt(a09, UPGRADE_HOUR, A09, "o2 - de"));
            fleet.hourlyStatus(a12, 0, 72, upgradedAt(a12, UPGRADE_HOUR, A12, "o2 - de"));
            // flapping starts after the upgrade: an episode every 5 h, routers 7 minutes apart
            fleet.episodes(a09, hour(UPGRADE_HOUR + 1 + i * 7 / 60.0), Duration.ofHours(5), 9);
        }
        String neverUpgraded = "1117759600";
        stable.add(neverUpgraded);
        fleet.hourlyStatus(neverUpgraded, 0, 72, upgradedAt(neverUpgraded, 10_000, A09, "o2 - de"));
        String oneDrop = "1117759601";
        stable.add(oneDrop);
        fleet.hourlyStatus(oneDrop, 0, 72, upgradedAt(oneDrop, UPGRADE_HOUR, A12, "o2 - de"));
        fleet.episodes(oneDrop, hour(40), Duration.ofHours(5), 1);
        return fleet;
    }

    @Test
    void commandsToA12ForExactlyTheFlappingA09Routers() {
        List<String> flapping = new ArrayList<>();
        List<String> stable = new ArrayList<>();
        FleetTimeline fleet = seedFleet(flapping, stable);
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);

            assertThat(h.commandLog).extracting(RemediationCommand::serial)
                    .containsExactlyInAnyOrderElementsOf(flapping);
            for (RemediationCommand c : h.commandLog) {
                assertThat(c.targetFirmware()).isEqualTo(A12);
                assertThat(c.currentFirmware()).isEqualTo(A09);
                assertThat(c.commandId()).isEqualTo(RemediationCommand.idFor(c.serial(), A12));
                assertThat(c.cohort().routerFirmware()).isEqualTo(FleetTimeline.BAD_ROUTER_FW);
                assertThat(c.issuedAt()).isAfter(hour(UPGRADE_HOUR));
            }
            for (String serial : flapping) {
                var d = h.lastDiagnosis(serial);
                assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
                assertThat(d.cause()).isEqualTo(Cause.FIRMWARE);
                assertThat(d.confidence()).isGreaterThanOrEqualTo(0.7);
                assertThat(d.evidence().cohortRatioLow()).as("95 % interval above 1").isGreaterThan(1);
                assertThat(d.evidence().changePoint()).isEqualTo(hour(UPGRADE_HOUR));
                assertThat(d.evidence().rateAfter()).isGreaterThan(d.evidence().rateBefore());
            }
            for (String serial : stable) {
                assertThat(h.diagnosesOf(serial)).as(serial).noneMatch(d -> d.state() == FlapState.FLAPPING);
            }
            assertThat(h.counter("flapguard_analyzer_commands_total", "target_firmware", A12)).isEqualTo(6);
        }
    }

    @Test
    void theFleetTableImplicatesOnlyTheA09CohortOnTheNewRouterFirmware() {
        FleetTimeline fleet = seedFleet(new ArrayList<>(), new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            var facts = h.driver().<String, io.flapguard.analyzer.domain.FleetFact>getKeyValueStore(
                    AnalyzerTopology.FACTS_STORE);
            List<io.flapguard.analyzer.domain.FleetFact.CohortFact> implicated = new ArrayList<>();
            try (var all = facts.all()) {
                all.forEachRemaining(kv -> {
                    if (kv.value.cohort() != null && kv.value.cohort().implicated()) {
                        implicated.add(kv.value.cohort());
                    }
                });
            }
            assertThat(implicated).singleElement().satisfies(c -> {
                assertThat(c.cohort().modemFirmware()).isEqualTo(A09);
                assertThat(c.cohort().routerFirmware()).isEqualTo(FleetTimeline.BAD_ROUTER_FW);
                assertThat(c.routers()).isEqualTo(6);
                assertThat(c.rateRatio()).isGreaterThan(2);
            });
        }
    }
}
