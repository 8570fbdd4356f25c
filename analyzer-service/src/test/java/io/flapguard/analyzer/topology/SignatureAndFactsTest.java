package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.OLD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.FleetTimeline;
import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases of issue #10 the seed scenario does not cover: facts by event time, routers without the agent, drops
 * without a modem-side signature, a modem in download mode, flapping that starts at a router upgrade.
 */
class SignatureAndFactsTest {

    /** A bad A09 cohort (8 routers flapping with the modem leaving the bus) and 12 stable A12 routers, 3 days. */
    static FleetTimeline badCohort(int hours) {
        FleetTimeline fleet = new FleetTimeline();
        for (int i = 0; i < 12; i++) {
            String a12 = "31000" + (10 + i);
            fleet.hourlyStatus(a12, 0, hours, t -> SeedFixture.goodStatus(a12, t, BAD_ROUTER_FW, A12, "Telia"));
        }
        for (int i = 0; i < 8; i++) {
            String a09 = "31001" + (10 + i);
            fleet.hourlyStatus(a09, 0, hours, t -> SeedFixture.goodStatus(a09, t, BAD_ROUTER_FW, A09, "Telia"));
            fleet.episodes(a09, hour(2 + i * 0.13), Duration.ofHours(4), hours / 4 - 1);
        }
        return fleet;
    }

    private static StatusSnapshot dataToServer(String serial, Instant t, String modemFw, DataState state) {
        return StatusSnapshot.builder().id("st-" + StableId.of(serial, t.toString(), state.name())).serial(serial)
                .time(t).receivedAt(t).format("data-to-server").partial(true).modemModel("EG12")
                .modemFirmware(modemFw).routerFirmware(BAD_ROUTER_FW).operator("Telia").rsrp(-88).sinr(11.0)
                .dataState(state).build();
    }

    @Test
    void aStatusDeliveredLateDoesNotUndoAFirmwareChange() {
        String serial = "3200001";
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(SeedFixture.goodStatus(serial, hour(0), BAD_ROUTER_FW, A09, "Telia"));
            h.send(new RouterEvent(WireMessage.SCHEMA_VERSION, "evt-fw", serial, LogSource.EVENTS,
                    EventKind.MODEM_FIRMWARE_UPDATED, hour(2), hour(2), false, "internal", null, A09, A12, null,
                    "Updated internal modem firmware from " + A09 + " to " + A12));
            // buffered during the flash: taken at 1:58 (still A09), published after the firmware line
            h.send(SeedFixture.goodStatus(serial, hour(2).minusSeconds(120), BAD_ROUTER_FW, A09, "Telia"));
            h.send(SeedFixture.goodStatus(serial, hour(3), BAD_ROUTER_FW, A12, "Telia"));
            assertThat(h.routerState(serial).membership().modemFirmware()).isEqualTo(A12);
            assertThat(h.routerState(serial).membership().since()).as("the change point stays at the event")
                    .isEqualTo(hour(2).toEpochMilli());
        }
    }

    @Test
    void noCommandWhileTheModemsFirmwareIsUnknownAfterAFlash() {
        FleetTimeline fleet = badCohort(72);
        String fixed = "3200002"; // someone flashes it; the "Updated internal modem firmware" line arrives late
        String failed = "3200003"; // a flash that did not take: the router later reports A09 again
        for (String serial : new String[] {fixed, failed}) {
            fleet.hourlyStatus(serial, 0, 15, t -> SeedFixture.goodStatus(serial, t, BAD_ROUTER_FW, A09, "Telia"));
            for (double at : new double[] {13.1, 13.5, 13.9}) { // the modem leaves the bus three times
                fleet.messages.addAll(SeedFixture.episode(serial, SeedFixture.DMESG, hour(at)));
            }
            fleet.messages.add(SeedFixture.event(serial, EventKind.MODEM_DOWNLOAD_MODE, LogSource.KERNEL, hour(14.2),
                    "usb 1-1: New USB device found, idVendor=05c6, idProduct=9008, bcdDevice= 0.00"));
            for (int k = 0; k < 6; k++) { // the modem works again; its events log goes on
                fleet.messages.add(SeedFixture.event(serial, EventKind.MOBILE_DATA_CONNECTED, LogSource.EVENTS,
                        hour(15 + k), "Mobile data connected (internal modem)"));
            }
        }
        fleet.messages.add(SeedFixture.goodStatus(failed, hour(20.5), BAD_ROUTER_FW, A09, "Telia"));
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).extracting(RemediationCommand::serial).doesNotContain(fixed).contains(failed);
            assertThat(h.lastDiagnosis(fixed).evidence().note()).contains("has not reported its firmware since");
            RemediationCommand c = h.commandLog.stream().filter(x -> x.serial().equals(failed)).findFirst()
                    .orElseThrow();
            assertThat(c.issuedAt()).isAfterOrEqualTo(hour(20.5));
            h.send(new RouterEvent(WireMessage.SCHEMA_VERSION, "evt-fw-late", fixed, LogSource.EVENTS,
                    EventKind.MODEM_FIRMWARE_UPDATED, hour(14.3), hour(14.3), false, "internal", null, A09, A12, null,
                    "Updated internal modem firmware from " + A09 + " to " + A12));
            h.advanceWallClock(Duration.ofMinutes(5));
            assertThat(h.commandLog).extracting(RemediationCommand::serial).doesNotContain(fixed);
        }
    }

    @Test
    void aRouterWithoutTheAgentIsDiagnosedFromItsNativePublisher() {
        FleetTimeline fleet = badCohort(72);
        String agentless = "3300001";
        Instant t = hour(0);
        int drops = 0;
        // Data to Server every 10 minutes; connstate drops to disconnected about every 4 hours
        for (int k = 0; k < 72 * 6; k++) {
            boolean down = k % 24 == 13;
            fleet.messages.add(dataToServer(agentless, t, A09, down ? DataState.DISCONNECTED : DataState.CONNECTED));
            drops += down ? 1 : 0;
            t = t.plus(Duration.ofMinutes(10));
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            Diagnosis d = h.lastDiagnosis(agentless);
            assertThat(drops).isGreaterThan(10);
            assertThat(h.routerState(agentless).incidents().total()).isEqualTo(drops);
            assertThat(d.cause()).isEqualTo(Cause.FIRMWARE);
            assertThat(d.confidence()).as("thinner evidence: no kernel log").isLessThan(0.9);
            assertThat(d.evidence().kernelLog()).isFalse();
            assertThat(d.evidence().decidedBy()).contains("no kernel log");
            assertThat(h.commandLog).extracting(RemediationCommand::serial).contains(agentless);
        }
    }

    @Test
    void isolatedDataDropsWithoutTheModemLeavingTheBusGetNoCommand() {
        FleetTimeline fleet = badCohort(72);
        String quiet = "3400001";
        fleet.hourlyStatus(quiet, 0, 72, t -> SeedFixture.goodStatus(quiet, t, BAD_ROUTER_FW, A09, "Telia"));
        for (double at : new double[] {30, 31.5, 33, 58}) {
            fleet.messages.add(SeedFixture.event(quiet, EventKind.MOBILE_DATA_DISCONNECTED, LogSource.EVENTS, hour(at),
                    "Mobile data disconnected (internal modem)"));
        }
        fleet.messages.add(SeedFixture.event(quiet, EventKind.MODEM_USB_ATTACH, LogSource.KERNEL, hour(0.5),
                "usb 1-1: new high-speed USB device number 2 using xhci-hcd"));
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).extracting(RemediationCommand::serial).hasSize(8).doesNotContain(quiet);
            assertThat(h.diagnosesOf(quiet)).noneMatch(x -> x.cause() == Cause.FIRMWARE);
        }
    }

    @Test
    void aModemInDownloadModeIsForAPersonNeverAFlash() {
        FleetTimeline fleet = badCohort(48);
        String stuck = "3600001"; // on the bad firmware, its modem keeps leaving the bus — but it is in EDL mode
        fleet.hourlyStatus(stuck, 0, 48, t -> SeedFixture.goodStatus(stuck, t, BAD_ROUTER_FW, A09, "Telia"));
        fleet.messages.add(SeedFixture.event(stuck, EventKind.MODEM_DOWNLOAD_MODE, LogSource.KERNEL, hour(2.5),
                "usb 1-1: New USB device found, idVendor=05c6, idProduct=9008, bcdDevice= 0.00"));
        for (int i = 0; i < 14; i++) {
            fleet.messages.add(SeedFixture.event(stuck, EventKind.MODEM_USB_DISCONNECT, LogSource.KERNEL,
                    hour(3 + 3 * i), "usb 1-1: USB disconnect, device number " + (5 + i)));
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            Diagnosis d = h.lastDiagnosis(stuck);
            assertThat(d.cause()).isEqualTo(Cause.DOWNLOAD_MODE);
            assertThat(d.evidence().note()).contains("needs recovery");
            assertThat(h.commandLog).extracting(RemediationCommand::serial).hasSize(8).doesNotContain(stuck);
            assertThat(h.diagnosesOf(stuck)).noneMatch(x -> x.cause() == Cause.FIRMWARE);
        }
    }

    @Test
    void flappingThatStartsAtARouterUpgradeGetsACommandFromItsOwnChangePoint() {
        // No baseline at all: every EG12 router is on A09, so only the router's own before/after can tell.
        FleetTimeline fleet = new FleetTimeline();
        List<String> upgraded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String serial = "35000" + (10 + i);
            upgraded.add(serial);
            fleet.hourlyStatus(serial, 0, 96, t -> SeedFixture.goodStatus(serial, t,
                    t.isBefore(hour(48)) ? OLD_ROUTER_FW : BAD_ROUTER_FW, A09, "Telia"));
            fleet.episodes(serial, hour(49 + i * 0.2), Duration.ofHours(5), 9);
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).extracting(RemediationCommand::serial).containsExactlyInAnyOrderElementsOf(upgraded);
            for (RemediationCommand c : h.commandLog) {
                assertThat(c.confidence()).isGreaterThanOrEqualTo(0.7);
            }
            Diagnosis d = h.diagnosesOf(upgraded.get(0)).stream().filter(x -> x.cause() == Cause.FIRMWARE)
                    .findFirst().orElseThrow();
            assertThat(d.evidence().decidedBy()).contains("rate jump at the firmware change");
        }
    }

    @Test
    void theSameInputGivesTheSameDiagnosesAndCommands() {
        List<TelemetryMessage> input = badCohort(72).messages;
        List<String> first;
        List<String> second;
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(input);
            first = summary(h);
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(input);
            second = summary(h);
        }
        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    private static List<String> summary(TopologyHarness h) {
        List<String> out = new ArrayList<>();
        h.commandLog.forEach(c -> out.add(c.commandId() + " " + c.serial() + " " + c.targetFirmware()));
        h.diagnosisLog.forEach(d -> out.add(d.serial() + " " + d.state() + " " + d.cause() + " " + d.at()));
        return out;
    }
}
