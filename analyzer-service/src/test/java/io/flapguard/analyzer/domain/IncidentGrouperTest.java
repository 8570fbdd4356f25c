package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentGrouperTest {
    private final IncidentGrouper grouper = new IncidentGrouper(120_000);

    private static long at(String hms) {
        return java.time.LocalTime.parse(hms).toSecondOfDay() * 1000L;
    }

    @Test
    void seedLinesOf2022_10_05AreOneIncident() {
        RouterState s = new RouterState();
        // newest first, as the WebUI shows them
        assertThat(grouper.add(s, at("12:14:28"))).isTrue();
        assertThat(grouper.add(s, at("12:13:22"))).isFalse();
        assertThat(grouper.add(s, at("12:13:16"))).isFalse();
        assertThat(s.incidentCount).isEqualTo(1);
        assertThat(s.incidentStart[0]).isEqualTo(at("12:13:16"));
        assertThat(s.incidentEnd[0]).isEqualTo(at("12:14:28"));
    }

    @Test
    void seedLinesOf2022_12_21AreTwoIncidents() {
        RouterState s = new RouterState();
        int started = 0;
        for (String t : new String[] {"10:48:14", "10:48:24", "10:53:00", "10:53:46"}) {
            started += grouper.add(s, at(t)) ? 1 : 0;
        }
        assertThat(started).isEqualTo(2);
        assertThat(s.incidentCount).isEqualTo(2);
    }

    @Test
    void keepsTheNewestIncidentsSortedWhenFull() {
        RouterState s = new RouterState();
        for (int i = RouterState.MAX_INCIDENTS + 4; i >= 1; i--) {
            grouper.add(s, i * 3_600_000L);
        }
        assertThat(s.incidentCount).isEqualTo(RouterState.MAX_INCIDENTS);
        for (int i = 1; i < s.incidentCount; i++) {
            assertThat(s.incidentStart[i]).isGreaterThan(s.incidentStart[i - 1]);
        }
        assertThat(s.incidentStart[s.incidentCount - 1]).isEqualTo((RouterState.MAX_INCIDENTS + 4) * 3_600_000L);
    }
}
