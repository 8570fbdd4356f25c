package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.TelemetryMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One router at a time: incidents, hysteresis, duplicates and out-of-order events through the topology. */
class FlapDetectionTest {
    static final String SERIAL = "1117759414";

    private static TelemetryMessage status(Instant t) {
        return SeedFixture.goodStatus(SERIAL, t, BAD_ROUTER_FW, A09, "o2 - de");
    }

    private static TelemetryMessage disconnect(Instant t) {
        return SeedFixture.event(SERIAL, EventKind.MOBILE_DATA_DISCONNECTED, LogSource.EVENTS, t,
                "Mobile data disconnected (internal modem) " + t);
    }

    private static List<FlapState> states(TopologyHarness h) {
        return h.diagnosesOf(SERIAL).stream().map(Diagnosis::state).toList();
    }

    @Test
    void fixtureBurstsAreOneIncidentEach() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status(hour(0)));
            SeedFixture.episode(SERIAL, SeedFixture.DMESG, hour(1)).forEach(h::send);
            SeedFixture.episode(SERIAL, SeedFixture.EVENTS_2022_10_05, hour(2)).forEach(h::send);
            assertThat(h.counter("flapguard_analyzer_incidents_total")).isEqualTo(2);
            // the third episode holds two incidents (4.5 min apart): flapping starts at its first one
            SeedFixture.episode(SERIAL, SeedFixture.EVENTS_2022_12_21, hour(3)).forEach(h::send);
            assertThat(h.counter("flapguard_analyzer_incidents_total")).isEqualTo(4);
            assertThat(states(h)).containsExactly(FlapState.FLAPPING);
            assertThat(h.lastDiagnosis(SERIAL).evidence().incidents()).isEqualTo(3);
            assertThat(h.lastDiagnosis(SERIAL).evidence().penalty()).isGreaterThanOrEqualTo(2100);
        }
    }

    @Test
    void hysteresisNoTogglingNearTheThresholds() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status(hour(0)));
            // two incidents a day level off at 2000, just under the start threshold: never flapping
            for (int i = 0; i < 20; i++) {
                h.send(disconnect(hour(1 + 12 * i)));
                h.send(status(hour(1 + 12 * i + 6)));
            }
            assertThat(states(h)).isEmpty();
            // three close incidents start flapping; then one every 9 h keeps the penalty between ~1500 and
            // ~2600, crossing the start threshold up and down: the state must not toggle
            double t = 250;
            for (int i = 0; i < 3; i++) {
                h.send(disconnect(hour(t + i)));
            }
            for (int i = 1; i <= 8; i++) {
                h.send(status(hour(t + 9 * i - 0.5)));
                h.send(disconnect(hour(t + 9 * i)));
            }
            assertThat(states(h)).containsExactly(FlapState.FLAPPING);
            // silence: the penalty decays below the stop threshold and flapping ends, once
            for (int i = 1; i <= 30; i++) {
                h.send(status(hour(t + 72 + i)));
            }
            assertThat(states(h)).containsExactly(FlapState.FLAPPING, FlapState.STABLE);
            assertThat(h.lastDiagnosis(SERIAL).cause()).isEqualTo(Cause.NONE);
        }
    }

    @Test
    void redeliveredEventsCountOnce() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status(hour(0)));
            List<TelemetryMessage> two = new ArrayList<>();
            two.addAll(SeedFixture.episode(SERIAL, SeedFixture.EVENTS_2022_10_05, hour(1)));
            two.add(disconnect(hour(2)));
            for (int copy = 0; copy < 3; copy++) {
                two.forEach(h::send); // at-least-once delivery: everything three times
            }
            assertThat(h.counter("flapguard_analyzer_incidents_total")).isEqualTo(2);
            assertThat(h.counter("flapguard_analyzer_duplicate_events_total")).isEqualTo(8);
            assertThat(states(h)).as("two incidents are not flapping").isEmpty();
        }
    }

    @Test
    void outOfOrderEventsGiveTheSameDiagnosisAndTooLateOnesAreDropped() {
        List<TelemetryMessage> incidents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            incidents.add(disconnect(hour(1 + i)));
            incidents.add(disconnect(hour(1 + i).plusSeconds(40)));
        }
        double inOrderPenalty;
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status(hour(0)));
            incidents.forEach(h::send);
            h.send(status(hour(5)));
            assertThat(h.lastDiagnosis(SERIAL).state()).isEqualTo(FlapState.FLAPPING);
            inOrderPenalty = h.routerState(SERIAL).penalty();
        }
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status(hour(0)));
            List<TelemetryMessage> shuffled = new ArrayList<>(incidents);
            Collections.reverse(shuffled);
            shuffled.forEach(h::send);
            h.send(status(hour(5)));
            Diagnosis d = h.lastDiagnosis(SERIAL);
            assertThat(d.state()).isEqualTo(FlapState.FLAPPING);
            assertThat(h.routerState(SERIAL).incidents().size()).isEqualTo(4);
            assertThat(h.routerState(SERIAL).penalty()).isCloseTo(inOrderPenalty, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(h.counter("flapguard_analyzer_incidents_total")).isEqualTo(4);
            // an event older than the grace period (6 h) behind the router's newest event is dropped
            h.send(disconnect(hour(5).minusSeconds(7 * 3600)));
            assertThat(h.counter("flapguard_analyzer_late_events_total")).isEqualTo(1);
            assertThat(h.counter("flapguard_analyzer_incidents_total")).isEqualTo(4);
        }
    }
}
