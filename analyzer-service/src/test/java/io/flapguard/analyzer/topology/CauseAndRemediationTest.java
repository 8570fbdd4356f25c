package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static io.flapguard.analyzer.FleetTimeline.upgradedAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.FleetTimeline;
import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Causes other than firmware never lead to commands; commands are verified after the update. */
class CauseAndRemediationTest {

    @Test
    void poorSignalIsRadioAndGetsNoCommandEvenInTheBadCohort() {
        FleetTimeline fleet = new FleetTimeline();
        List<String> radio = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String weak = "2000000" + i;
            String good = "2000100" + i;
            radio.add(weak);
            // same cohort as the seed's flapping routers, but RSRP -115 dBm and SINR -3 dB
            fleet.hourlyStatus(weak, 0, 48, t -> SeedFixture.status(weak, t, BAD_ROUTER_FW, A09, "Telia",
                    -115, -3.0, null));
            fleet.hourlyStatus(good, 0, 48, t -> SeedFixture.goodStatus(good, t, BAD_ROUTER_FW, A12, "Telia"));
            fleet.episodes(weak, hour(1 + i * 0.1), Duration.ofHours(4), 8);
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).isEmpty();
            for (String serial : radio) {
                Diagnosis d = h.lastDiagnosis(serial);
                assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
                assertThat(d.cause()).isEqualTo(Cause.RADIO);
                assertThat(d.evidence().rsrpAvg()).isEqualTo(-115.0);
                assertThat(d.evidence().sinrAvg()).isEqualTo(-3.0);
                assertThat(h.diagnosesOf(serial)).noneMatch(x -> x.cause() == Cause.FIRMWARE);
            }
            assertThat(h.counter("flapguard_analyzer_incidents_total", "cause", "radio")).isPositive();
        }
    }

    @Test
    void operatorOutageAcrossMixedFirmwareGetsNoCommand() {
        FleetTimeline fleet = new FleetTimeline();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String serial = "3000000" + i;
            String fw = i % 2 == 0 ? A09 : A12;
            all.add(serial);
            fleet.hourlyStatus(serial, 0, 36, t -> SeedFixture.goodStatus(serial, t, BAD_ROUTER_FW, fw, "DNA"));
            // the whole operator drops in the same minute, five times, a few seconds apart per router
            for (int outage = 0; outage < 5; outage++) {
                fleet.messages.add(SeedFixture.event(serial, EventKind.MOBILE_DATA_DISCONNECTED, LogSource.EVENTS,
                        hour(2 + 5 * outage).plusSeconds(3 * i), "Mobile data disconnected (internal modem)"));
            }
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).isEmpty();
            for (String serial : all) {
                Diagnosis d = h.lastDiagnosis(serial);
                assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
                assertThat(d.cause()).as(serial).isEqualTo(Cause.OPERATOR_OUTAGE);
                assertThat(d.evidence().operatorRoutersHit()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void rebootsAtTheIncidentsArePowerAndGetNoCommand() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        String serial = flapping.get(0);
        for (double h = 25; h < 72; h += 5) {
            fleet.messages.add(SeedFixture.event(serial, EventKind.ROUTER_REBOOT, LogSource.KERNEL, hour(h),
                    "Booting Linux on physical CPU 0x0"));
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.lastDiagnosis(serial).cause()).isEqualTo(Cause.POWER);
            assertThat(h.commandLog).extracting(RemediationCommand::serial).doesNotContain(serial).hasSize(5);
        }
    }

    @Test
    void updatedAndStableIsVerifiedUpdatedAndStillFlappingIsFailedToFix() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).hasSize(6);
            RemediationCommand fixed = h.commandLog.stream().filter(c -> c.serial().equals(flapping.get(0)))
                    .findFirst().orElseThrow();
            RemediationCommand notFixed = h.commandLog.stream().filter(c -> c.serial().equals(flapping.get(1)))
                    .findFirst().orElseThrow();
            h.result(fixed, ResultStatus.IN_PROGRESS, hour(72));
            h.result(fixed, ResultStatus.SUCCEEDED, hour(72.5));
            h.result(notFixed, ResultStatus.SUCCEEDED, hour(72.5));
            h.result(notFixed, ResultStatus.SUCCEEDED, hour(72.6)); // redelivered result: no second watch

            FleetTimeline after = new FleetTimeline();
            after.hourlyStatus(fixed.serial(), 73, 73 + 60, upgradedAt(fixed.serial(), 0, A12, "o2 - de"));
            after.hourlyStatus(notFixed.serial(), 73, 73 + 60, upgradedAt(notFixed.serial(), 0, A12, "o2 - de"));
            after.episodes(notFixed.serial(), hour(74), Duration.ofHours(3), 6);
            h.sendInTimeOrder(after.messages);

            assertThat(h.lastDiagnosis(fixed.serial()).evidence().note()).contains("verified");
            assertThat(h.lastDiagnosis(notFixed.serial()).evidence().note()).contains("failed_to_fix");
            assertThat(h.counter("flapguard_analyzer_verifications_total", "outcome", "verified")).isEqualTo(1);
            assertThat(h.counter("flapguard_analyzer_verifications_total", "outcome", "failed_to_fix")).isEqualTo(1);
            // no second command: one per router and target, and both routers now run the target
            assertThat(h.commandLog).hasSize(6);
            assertThat(h.routerState(fixed.serial()).commands().openId()).isNull();
        }
    }

    @Test
    void verificationRunsOnTheRoutersClockEvenWhenTheUpdatersClockIsAhead() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            RemediationCommand fixed = h.commandLog.stream().filter(c -> c.serial().equals(flapping.get(0)))
                    .findFirst().orElseThrow();
            // The updater's clock reads three days later than the router's.
            h.result(fixed, ResultStatus.SUCCEEDED, hour(72.5 + 72));

            FleetTimeline after = new FleetTimeline();
            after.hourlyStatus(fixed.serial(), 73, 73 + 60, upgradedAt(fixed.serial(), 0, A12, "o2 - de"));
            h.sendInTimeOrder(after.messages);

            assertThat(h.lastDiagnosis(fixed.serial()).evidence().note()).contains("verified");
        }
    }

    @Test
    void aRouterThatStopsReportingAfterItsUpdateIsJudgedSilentNotWatchedForever() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            RemediationCommand quiet = h.commandLog.stream().filter(c -> c.serial().equals(flapping.get(0)))
                    .findFirst().orElseThrow();
            RemediationCommand reporting = h.commandLog.stream().filter(c -> c.serial().equals(flapping.get(1)))
                    .findFirst().orElseThrow();
            h.result(quiet, ResultStatus.SUCCEEDED, hour(72.5));
            h.result(reporting, ResultStatus.SUCCEEDED, hour(72.5));

            h.advanceWallClock(Duration.ofHours(95));
            assertThat(h.lastDiagnosis(quiet.serial()).evidence().note()).doesNotContain("silent");

            FleetTimeline after = new FleetTimeline();
            after.hourlyStatus(reporting.serial(), 73, 73 + 60, upgradedAt(reporting.serial(), 0, A12, "o2 - de"));
            h.sendInTimeOrder(after.messages);
            h.advanceWallClock(Duration.ofHours(2));

            assertThat(h.lastDiagnosis(quiet.serial()).evidence().note()).contains("silent");
            assertThat(h.lastDiagnosis(reporting.serial()).evidence().note()).contains("verified");
            assertThat(h.counter("flapguard_analyzer_verifications_total", "outcome", "silent")).isEqualTo(1);
        }
    }

    @Test
    void neverASecondCommandWhileOneIsOpen() {
        List<String> flapping = new ArrayList<>();
        FleetTimeline fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        // keep flapping on A09 a further day with no result from the updater
        for (String serial : flapping) {
            fleet.hourlyStatus(serial, 72, 96, upgradedAt(serial, 0, A09, "o2 - de"));
            fleet.episodes(serial, hour(73), Duration.ofHours(3), 6);
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).hasSize(6);
            assertThat(h.commandLog).extracting(RemediationCommand::commandId).doesNotHaveDuplicates();
        }
    }
}
