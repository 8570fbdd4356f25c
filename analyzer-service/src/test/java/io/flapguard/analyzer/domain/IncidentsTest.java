package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentsTest {
    private static final long GAP = 120_000;

    private static long at(String hms) {
        return java.time.LocalTime.parse(hms).toSecondOfDay() * 1000L;
    }

    @Test
    void seedLinesOf2022_10_05AreOneIncident() {
        Incidents in = new Incidents();
        // newest first, as the WebUI shows them
        assertThat(in.add(at("12:14:28"), false, GAP)).isEqualTo(0);
        assertThat(in.add(at("12:13:22"), false, GAP)).isEqualTo(-1);
        assertThat(in.add(at("12:13:16"), true, GAP)).isEqualTo(-1);
        assertThat(in.size()).isEqualTo(1);
        assertThat(in.start(0)).isEqualTo(at("12:13:16"));
        assertThat(in.end(0)).isEqualTo(at("12:14:28"));
        assertThat(in.modemLeftBus(0)).as("USB evidence anywhere in the incident marks it").isTrue();
        assertThat(in.classOf(0)).isEqualTo(IncidentClass.PENDING);
    }

    @Test
    void seedLinesOf2022_12_21AreTwoIncidents() {
        Incidents in = new Incidents();
        int started = 0;
        for (String t : new String[] {"10:48:14", "10:48:24", "10:53:00", "10:53:46"}) {
            started += in.add(at(t), false, GAP) >= 0 ? 1 : 0;
        }
        assertThat(started).isEqualTo(2);
        assertThat(in.total()).isEqualTo(2);
        assertThat(in.modemLeftBus(0)).isFalse();
    }

    @Test
    void keepsTheNewestIncidentsSortedWhenFull() {
        Incidents in = new Incidents();
        for (int i = Incidents.MAX + 4; i >= 1; i--) {
            in.add(i * 3_600_000L, false, GAP);
        }
        assertThat(in.size()).isEqualTo(Incidents.MAX);
        for (int i = 1; i < in.size(); i++) {
            assertThat(in.start(i)).isGreaterThan(in.start(i - 1));
        }
        assertThat(in.start(in.size() - 1)).isEqualTo((Incidents.MAX + 4) * 3_600_000L);
        assertThat(in.total()).isEqualTo(Incidents.MAX + 4);
    }

    @Test
    void signalNearAnUnsettledIncidentIsAveragedIntoIt() {
        Incidents in = new Incidents();
        in.add(at("10:00:00"), true, GAP);
        in.addSignal(at("10:05:00"), -115, -3.0, 1_800_000);
        in.addSignal(at("10:10:00"), -105, -1.0, 1_800_000);
        in.addSignal(at("12:00:00"), -80, 20.0, 1_800_000);
        assertThat(in.rsrp(0)).isEqualTo(-110.0);
        assertThat(in.sinr(0)).isEqualTo(-2.0);
        in.classify(0, IncidentClass.RADIO);
        in.addSignal(at("10:15:00"), -60, 30.0, 1_800_000);
        assertThat(in.rsrp(0)).as("a settled incident keeps its signal").isEqualTo(-110.0);
    }
}
