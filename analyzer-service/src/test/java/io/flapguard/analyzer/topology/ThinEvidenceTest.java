package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.FleetTimeline;
import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.domain.IncidentClass;
import io.flapguard.analyzer.domain.Incidents;
import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Routers whose own evidence is specific but thin: a router without the agent seen only through Data to Server records
 * minutes apart (most 30-60 s flaps fall between two records), and a router whose modem leaves the bus too rarely for
 * its own flap penalty. In an implicated cohort, repeated modem-side incidents are enough; data drops are not.
 */
class ThinEvidenceTest {

    /**
     * Data to Server records every 4 minutes for 72 h; at the given hours a record says the bearer is down and, when
     * {@code modemRead} is false, carries none of the modem's readings (as when the modem is off the bus).
     */
    private static void dataToServer(FleetTimeline fleet, String serial, Set<Integer> downAtHour, boolean modemRead,
            boolean carriesReadings) {
        for (Instant t = hour(0); t.isBefore(hour(72)); t = t.plus(Duration.ofMinutes(4))) {
            boolean down = t.getEpochSecond() % 3600 == 0 && downAtHour.contains((int) ((t.getEpochSecond()
                    - hour(0).getEpochSecond()) / 3600));
            StatusSnapshot.Builder b = StatusSnapshot.builder()
                    .id("st-" + StableId.of(serial, t.toString())).serial(serial).time(t).receivedAt(t)
                    .format("data-to-server").partial(true).routerFirmware(BAD_ROUTER_FW)
                    .dataState(down ? DataState.DISCONNECTED : DataState.CONNECTED);
            if (carriesReadings && (!down || modemRead)) {
                b.modemModel("EG12").modemFirmware(A09).operator("Telia").rsrp(-88).sinr(11.0);
            }
            fleet.messages.add(b.build());
        }
    }

    @Test
    void twoRecordsThatCouldNotReadTheModemInAnImplicatedCohortGiveACommand() {
        FleetTimeline fleet = SignatureAndFactsTest.badCohort(72);
        String sampled = "3700001";
        dataToServer(fleet, sampled, Set.of(30, 50), false, true);
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            Incidents in = h.routerState(sampled).incidents();
            assertThat(in.size()).isEqualTo(2);
            assertThat(in.modemLeftBus(0)).as("a record without the modem's readings: modem-side").isTrue();
            assertThat(in.classOf(0)).isEqualTo(IncidentClass.MODEM);
            Diagnosis d = h.diagnosesOf(sampled).stream().filter(x -> x.cause() == Cause.FIRMWARE).findFirst()
                    .orElseThrow();
            assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
            assertThat(d.confidence()).isGreaterThanOrEqualTo(0.7).isLessThan(0.9);
            assertThat(d.evidence().decidedBy()).contains("modem not readable").contains("carried by the cohort");
            assertThat(h.commandLog).extracting(RemediationCommand::serial).contains(sampled);
        }
    }

    @Test
    void recordsThatStillReadTheModemAreDataDropsAndTwoAreNotEnough() {
        FleetTimeline fleet = SignatureAndFactsTest.badCohort(72);
        String weak = "3700002"; // the bearer drops, the modem still answers: a weak cell or the network
        String neverReads = "3700003"; // its Data to Server is set up without the GSM readings
        dataToServer(fleet, weak, Set.of(30, 50), true, true);
        dataToServer(fleet, neverReads, Set.of(30, 50), false, false);
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            for (String serial : new String[] {weak, neverReads}) {
                assertThat(h.routerState(serial).incidents().size()).isEqualTo(2);
                assertThat(h.routerState(serial).incidents().modemLeftBus(0)).isFalse();
                assertThat(h.diagnosesOf(serial)).noneMatch(x -> x.cause() == Cause.FIRMWARE);
            }
            assertThat(h.commandLog).extracting(RemediationCommand::serial).doesNotContain(weak, neverReads);
        }
    }

    @Test
    void anAgentRouterWhoseModemLeftTheBusTwiceInADayIsCarriedByItsCohort() {
        FleetTimeline fleet = SignatureAndFactsTest.badCohort(72);
        String rare = "3700004"; // two re-enumerations 20 h apart: its penalty peaks near 1300, below 2100
        String dataOnly = "3700005"; // two data drops, the modem never leaving the bus
        for (String serial : new String[] {rare, dataOnly}) {
            fleet.hourlyStatus(serial, 0, 72, t -> SeedFixture.goodStatus(serial, t, BAD_ROUTER_FW, A09, "Telia"));
        }
        fleet.messages.addAll(SeedFixture.episode(rare, SeedFixture.DMESG, hour(30.3)));
        fleet.messages.addAll(SeedFixture.episode(rare, SeedFixture.DMESG, hour(50.3)));
        fleet.dataDrops(dataOnly, hour(30.3), Duration.ofHours(20), 2);
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.routerState(rare).penalty()).isLessThan(2100);
            Diagnosis d = h.diagnosesOf(rare).stream().filter(x -> x.cause() == Cause.FIRMWARE).findFirst()
                    .orElseThrow();
            assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
            assertThat(d.evidence().decidedBy()).contains("leaving the USB bus").contains("carried by the cohort");
            assertThat(h.commandLog).extracting(RemediationCommand::serial).contains(rare).doesNotContain(dataOnly);
            assertThat(h.diagnosesOf(dataOnly)).noneMatch(x -> x.cause() == Cause.FIRMWARE);
        }
    }

    @Test
    void aRateJumpAtARouterUpgradeCarriesAFlapperTooSlowForThePenalty() {
        // No baseline: every EG12 router is on A09. Upgraded at 48 h, its modem then leaves the bus every 10 h
        // (2.4 a day: the penalty peaks near 1900, below 2100); before, nothing.
        FleetTimeline fleet = new FleetTimeline();
        String upgraded = "3700007";
        fleet.hourlyStatus(upgraded, 0, 96, FleetTimeline.upgradedAt(upgraded, 48, A09, "Telia"));
        for (double at : new double[] {49.2, 59.2, 69.2, 79.2}) {
            fleet.messages.addAll(SeedFixture.episode(upgraded, SeedFixture.DMESG, hour(at)));
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.routerState(upgraded).penalty()).isLessThan(2100);
            Diagnosis d = h.diagnosesOf(upgraded).stream().filter(x -> x.cause() == Cause.FIRMWARE).findFirst()
                    .orElseThrow();
            assertThat(d.evidence().decidedBy()).contains("rate jump").contains("carried by the rate jump");
            assertThat(h.commandLog).extracting(RemediationCommand::serial).containsExactly(upgraded);
        }
    }

    @Test
    void withoutAnImplicatedCohortTwoModemSideIncidentsAreNotFlapping() {
        FleetTimeline fleet = new FleetTimeline();
        String rare = "3700006";
        fleet.hourlyStatus(rare, 0, 72, t -> SeedFixture.goodStatus(rare, t, BAD_ROUTER_FW, A09, "Telia"));
        fleet.messages.addAll(SeedFixture.episode(rare, SeedFixture.DMESG, hour(30.3)));
        fleet.messages.addAll(SeedFixture.episode(rare, SeedFixture.DMESG, hour(50.3)));
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.diagnosesOf(rare)).allMatch(x -> x.state() == FlapState.STABLE && x.cause() == Cause.NONE);
            assertThat(h.commandLog).isEmpty();
        }
    }
}
