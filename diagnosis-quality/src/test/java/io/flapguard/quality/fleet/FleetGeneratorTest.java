package io.flapguard.quality.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.flapguard.telemetry.parse.Translation;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated fleet speaks the router contract and carries the confounders it promises. */
class FleetGeneratorTest {
    private static final long SEED = 24;
    private static Fleet fleet;
    private static final MessageTranslator TRANSLATOR = new MessageTranslator(TopicParser.defaults(),
            ClockPolicy.defaults());

    @BeforeAll
    static void generate() {
        fleet = FleetGenerator.generate(SEED);
    }

    @Test
    void sameSeedSameMessagesByteForByte() {
        Fleet again = FleetGenerator.generate(SEED);
        List<MqttMessage> a = fleet.allMessages();
        List<MqttMessage> b = again.allMessages();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).topic()).isEqualTo(a.get(i).topic());
            assertThat(b.get(i).payload()).isEqualTo(a.get(i).payload());
            assertThat(b.get(i).arrivalMs()).isEqualTo(a.get(i).arrivalMs());
        }
        assertThat(again.truth()).isEqualTo(fleet.truth());
    }

    @Test
    void parametersAreDrawnPerSeedInsideTheirRanges() {
        for (long seed = 1; seed <= 200; seed++) {
            FleetParams p = FleetParams.draw(seed);
            assertThat(p.routers()).isBetween(80, 400);
            assertThat(p.days()).isBetween(6, 10);
            assertThat(p.flappingShare()).isBetween(0.6, 1.0);
            assertThat(p.minFlapsPerDay()).isGreaterThanOrEqualTo(2);
            assertThat(p.maxFlapsPerDay()).isLessThanOrEqualTo(12);
            assertThat(p.poorSignalShare()).isBetween(0.03, 0.15);
            assertThat(p.operators()).isBetween(1, 3);
            assertThat(p.maxOutagesPerOperator()).isBetween(0, 3);
            assertThat(p.agentlessShare()).isBetween(0.0, 0.10);
            assertThat(p.slowFlapperShare()).isBetween(0.0, 0.30);
            assertThat(p.modemResetShare()).isBetween(0.05, 0.30);
            assertThat(p.modemResetsPerDay()).isBetween(1 / 30d, 1 / 5d);
            assertThat(p.faultyModemShare()).isBetween(0.0, 0.02);
        }
        assertThat(FleetParams.draw(1)).isNotEqualTo(FleetParams.draw(2));
    }

    @Test
    void everyMessageTranslatesWithoutDeadLettersExceptTheInjectedNoise() {
        int deadLetters = 0;
        Map<EventKind, Integer> kinds = new HashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (MqttMessage m : fleet.allMessages()) {
            Translation t = TRANSLATOR.translate(m.topic(), m.payload(), m.arrival());
            deadLetters += t.deadLetters().size();
            for (TelemetryMessage r : t.records()) {
                WireCodec.encode(r); // what telemetry-service does before producing: validates
                if (r instanceof RouterEvent e) {
                    kinds.merge(e.kind(), 1, Integer::sum);
                    if (e.clockFault()) {
                        unexpected.add("clock fault: " + e.line());
                    }
                }
            }
        }
        assertThat(fleet.intendedDeadLetters()).isPositive();
        assertThat(deadLetters).isEqualTo(fleet.intendedDeadLetters());
        assertThat(unexpected).isEmpty();
        assertThat(kinds).containsKeys(EventKind.MODEM_USB_DISCONNECT, EventKind.MODEM_USB_ATTACH,
                EventKind.WWAN_UNREGISTERED, EventKind.MOBILE_DATA_DISCONNECTED, EventKind.MOBILE_DATA_CONNECTED,
                EventKind.ROUTER_REBOOT, EventKind.MODEM_FIRMWARE_UPDATED, EventKind.UNCLASSIFIED);
    }

    @Test
    void kernelStampsLandOnTheWallClockWhereTheFlapHappened() {
        RouterTruth flapper = fleet.truth().values().stream().filter(t -> t.cause() == TrueCause.FIRMWARE && t.agent())
                .findFirst().orElseThrow();
        long first = flapper.firmwareIncidents().get(0);
        long nearest = Long.MAX_VALUE;
        for (MqttMessage m : fleet.messages().get(flapper.serial())) {
            for (TelemetryMessage r : TRANSLATOR.translate(m.topic(), m.payload(), m.arrival()).records()) {
                if (r instanceof RouterEvent e && e.kind() == EventKind.MODEM_USB_DISCONNECT) {
                    nearest = Math.min(nearest, Math.abs(e.time().toEpochMilli() - first));
                }
            }
        }
        assertThat(nearest).isLessThan(2_000);
    }

    @Test
    void confoundersArePresent() {
        var truths = fleet.truth().values();
        assertThat(truths).anyMatch(t -> t.cause() == TrueCause.FIRMWARE && t.poorSignal());
        assertThat(truths).anyMatch(t -> t.cause() == TrueCause.RADIO);
        assertThat(truths).anyMatch(t -> t.cause() == TrueCause.OPERATOR);
        assertThat(truths).anyMatch(t -> t.cause() == TrueCause.POWER);
        assertThat(truths).anyMatch(t -> t.family() == ModemFamily.EG06 && t.cause() == TrueCause.FIRMWARE);
        assertThat(truths).anyMatch(t -> t.profile().contains("router-upgrade") && t.cause() == TrueCause.FIRMWARE);
        assertThat(truths).anyMatch(t -> !t.agent());
        // poor signal in every cohort of three or more routers, the good ones too
        Map<String, List<RouterPlan>> cohorts = new HashMap<>();
        fleet.plans().forEach(p -> cohorts.computeIfAbsent(p.routerModel() + p.initialRouterFirmware()
                + p.initialModemFirmware(), k -> new ArrayList<>()).add(p));
        cohorts.values().stream().filter(c -> c.size() >= 3)
                .forEach(c -> assertThat(c).anyMatch(RouterPlan::poorSignal));
    }

    @Test
    void modemsLeaveTheBusOnGoodFirmwareTooAndSomeFlappersAreSlow() {
        boolean resetOnGood = false;
        boolean faulty = false;
        boolean slow = false;
        for (long seed = 1; seed <= 6; seed++) {
            Fleet f = seed == SEED ? fleet : FleetGenerator.generate(seed);
            for (RouterPlan p : f.plans()) {
                RouterTruth t = f.truth().get(p.serial());
                long resets = p.happenings().stream().filter(h -> h instanceof Happening.ModemReset).count();
                if (resets > 0 && p.agent() && p.initialModemFirmware().equals(p.family().goodFirmware())) {
                    // the kernel shows the modem leaving the bus although the firmware never flaps
                    long usbGone = f.messages().get(p.serial()).stream().flatMap(m -> TRANSLATOR.translate(m.topic(),
                            m.payload(), m.arrival()).records().stream()).filter(r -> r instanceof RouterEvent e
                                    && e.kind() == EventKind.MODEM_USB_DISCONNECT).count();
                    assertThat(t.firmwareIncidents()).isEmpty();
                    resetOnGood |= usbGone >= resets;
                }
                faulty |= t.cause() == TrueCause.MODEM_HARDWARE;
                if (t.profile().contains("slow") && t.cause() == TrueCause.FIRMWARE) {
                    double days = (f.end().toEpochMilli() - t.firmwareIncidents().get(0)) / 86_400_000d;
                    assertThat(t.firmwareIncidents().size() / Math.max(days, 1)).isLessThan(4);
                    slow = true;
                }
            }
        }
        assertThat(resetOnGood).isTrue();
        assertThat(faulty).isTrue();
        assertThat(slow).isTrue();
    }

    @Test
    void agentlessRoutersPublishOnlyTeltonikasOwnTopics() {
        for (RouterPlan p : fleet.plans()) {
            if (!p.agent()) {
                assertThat(fleet.messages().get(p.serial()))
                        .allMatch(m -> m.topic().startsWith("teltonika/") || m.topic().startsWith("router/"));
            }
        }
    }

    @Test
    void visibleFirmwareIncidentsAreThoseThePublishedDataShows() {
        boolean thinned = false;
        for (long seed : new long[] {SEED, 9}) {
            Fleet f = seed == SEED ? fleet : FleetGenerator.generate(seed);
            for (RouterTruth t : f.truth().values()) {
                assertThat(t.firmwareIncidents()).containsAll(t.visibleFirmwareIncidents());
                if (t.agent()) {
                    assertThat(t.visibleFirmwareIncidents()).isEqualTo(t.firmwareIncidents());
                    continue;
                }
                long disconnected = f.messages().get(t.serial()).stream().filter(m -> m.topic().startsWith("teltonika/")
                        && new String(m.payload(), StandardCharsets.UTF_8)
                                .contains("\"connstate\":\"disconnected\"")).count();
                assertThat(disconnected).as("each visible flap is a Data to Server record saying so")
                        .isGreaterThanOrEqualTo(t.visibleFirmwareIncidents().size());
                thinned |= t.visibleFirmwareIncidents().size() < t.firmwareIncidents().size();
            }
        }
        assertThat(thinned).as("records 2-5 min apart miss most 30-150 s flaps").isTrue();
    }

    @Test
    void aStatusTakenMidFlashArrivesAfterTheFirmwareUpdatedLine() {
        boolean seen = false;
        for (RouterPlan p : fleet.plans()) {
            if (!p.queueStatus() || !p.agent()) {
                continue;
            }
            long updatedAt = -1;
            for (MqttMessage m : fleet.messages().get(p.serial())) {
                for (TelemetryMessage r : TRANSLATOR.translate(m.topic(), m.payload(), m.arrival()).records()) {
                    if (r instanceof RouterEvent e && e.kind() == EventKind.MODEM_FIRMWARE_UPDATED) {
                        updatedAt = e.time().toEpochMilli();
                    } else if (r instanceof StatusSnapshot s && updatedAt >= 0 && s.time().toEpochMilli() < updatedAt
                            && p.initialModemFirmware().equals(s.modemFirmware())) {
                        seen = true;
                    }
                }
            }
        }
        assertThat(seen).as("a late status with the old firmware after the update line").isTrue();
    }

    @Test
    void aFlashToTheGoodFirmwareStopsTheFirmwareFlapping() {
        RouterPlan plan = fleet.plans().stream().filter(p -> {
            RouterTruth t = fleet.truth().get(p.serial());
            return t.cause() == TrueCause.FIRMWARE && t.agent() && !t.externallyFixed()
                    && t.firmwareIncidents().size() >= 10;
        }).findFirst().orElseThrow();
        long flashAt = fleet.start().toEpochMilli() + 2 * 86_400_000L;
        RouterRenderer.Rendered before = RouterRenderer.render(plan);
        RouterRenderer.Rendered after = RouterRenderer.render(plan.withFlash(flashAt, plan.family().goodFirmware(), 90_000));
        assertThat(before.tally().firmwareIncidents).anyMatch(t -> t > flashAt);
        assertThat(after.tally().firmwareIncidents).allMatch(t -> t < flashAt)
                .isEqualTo(before.tally().firmwareIncidents.stream().filter(t -> t < flashAt).toList());
        List<String> updated = new ArrayList<>();
        for (MqttMessage m : after.messages()) {
            for (TelemetryMessage r : TRANSLATOR.translate(m.topic(), m.payload(), m.arrival()).records()) {
                if (r instanceof RouterEvent e && e.kind() == EventKind.MODEM_FIRMWARE_UPDATED) {
                    updated.add(e.fromFirmware() + ">" + e.toFirmware());
                }
            }
        }
        assertThat(updated).containsExactly(plan.initialModemFirmware() + ">" + plan.family().goodFirmware());
    }
}
