package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouterTimelineTest {
    private static final long HOUR = 3_600_000L;
    /** 1000 per incident, half-life 12 h, flapping from 2100 down to 1000 (the defaults). */
    private static final FlapPenalty RULE = new FlapPenalty(1000, 12 * HOUR, 2100, 1000, 48 * HOUR);

    @Test
    void incidentsSignalRebootsAndThePenaltyCurveOnOneAxis() {
        RouterState s = new RouterState();
        s.firstSeen = HOUR;
        s.maxTime = 10 * HOUR;
        s.incidents.add(2 * HOUR, true, 120_000);
        s.incidents.add(3 * HOUR, false, 120_000);
        s.incidents.add(4 * HOUR, true, 120_000);
        s.incidents.classify(0, IncidentClass.MODEM);
        s.incidents.classify(1, IncidentClass.RADIO);
        s.signal.add(3 * HOUR, -112, -2.5, null);
        s.reboots.add(5 * HOUR);
        s.changePoint = HOUR;

        RouterTimeline t = RouterTimeline.of("1117759001", s, RULE);

        assertThat(t.from()).isEqualTo(Instant.ofEpochMilli(HOUR));
        assertThat(t.to()).isEqualTo(Instant.ofEpochMilli(10 * HOUR));
        assertThat(t.incidents()).extracting(RouterTimeline.Incident::incidentClass)
                .containsExactly("modem", "radio", "pending");
        assertThat(t.incidents().get(0).modemLeftBus()).isTrue();
        assertThat(t.signal()).singleElement().satisfies(p -> {
            assertThat(p.rsrp()).isEqualTo(-112);
            assertThat(p.sinr()).isEqualTo(-2.5);
        });
        assertThat(t.reboots()).containsExactly(Instant.ofEpochMilli(5 * HOUR));
        assertThat(t.firmwareChange()).isEqualTo(Instant.ofEpochMilli(HOUR));
        assertThat(t.penaltyStart()).isEqualTo(2100);
        assertThat(t.penaltyStop()).isEqualTo(1000);

        // the curve jumps by 1000 at each incident, decays between them, and is in time order
        double peak = t.penalty().stream().mapToDouble(RouterTimeline.PenaltyPoint::value).max().orElseThrow();
        double expectedPeak = 1000 * (1 + Math.pow(0.5, 1 / 12.0) + Math.pow(0.5, 2 / 12.0));
        assertThat(peak).isCloseTo(expectedPeak, org.assertj.core.data.Offset.offset(1e-6));
        for (int i = 1; i < t.penalty().size(); i++) {
            assertThat(t.penalty().get(i).at()).isAfterOrEqualTo(t.penalty().get(i - 1).at());
        }
        var last = t.penalty().get(t.penalty().size() - 1);
        assertThat(last.at()).isEqualTo(Instant.ofEpochMilli(10 * HOUR));
        assertThat(last.value()).isCloseTo(expectedPeak * Math.pow(0.5, 6 / 12.0), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aRouterWithoutIncidentsHasAnEmptyCurve() {
        RouterState s = new RouterState();
        s.maxTime = 5 * HOUR;
        RouterTimeline t = RouterTimeline.of("1117759002", s, RULE);
        assertThat(t.incidents()).isEmpty();
        assertThat(t.penalty()).isEmpty();
        assertThat(t.from()).isEqualTo(t.to());
    }
}
