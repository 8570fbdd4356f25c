package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Burst minutes from the one-pass window are those of summing every minute's window afresh. */
class OperatorStatsTest {

    @Test
    void slidingWindowFindsTheSameBurstsAsSummingEachWindow() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            OperatorStats stats = new OperatorStats();
            stats.activeRouters = 20 + random.nextInt(200);
            long minute = 29_000_000L + random.nextInt(1_000);
            for (int i = 0; i < 400; i++) {
                minute += random.nextInt(4) == 0 ? random.nextInt(30) : random.nextInt(2);
                for (int k = random.nextInt(6); k >= 0; k--) {
                    stats.apply(new FleetUpdate(FleetUpdate.Kind.INCIDENT, null, null, null, null, null, "op", minute
                            * 60_000L + random.nextInt(60_000), 0, 0, 0, false));
                }
            }
            int slack = random.nextInt(4);
            int minRouters = 1 + random.nextInt(12);
            double minShare = random.nextDouble() * 0.1;
            FleetFact.OperatorFact fact = stats.fact("op", minRouters, minShare, slack);
            assertThat(fact).isEqualTo(bySummingEachWindow(stats, minRouters, minShare, slack));
            assertThat(fact.activeRouters()).isEqualTo(stats.activeRouters);
        }
    }

    @Test
    void aBurstNeedsEnoughRoutersWithinTheSlack() {
        OperatorStats stats = new OperatorStats();
        stats.activeRouters = 10;
        for (long m : new long[] {100, 100, 101, 103, 200}) {
            stats.apply(new FleetUpdate(FleetUpdate.Kind.INCIDENT, null, null, null, null, null, "op", m * 60_000L,
                    0, 0, 0, false));
        }
        FleetFact.OperatorFact fact = stats.fact("op", 3, 0.2, 1);
        assertThat(fact.burstMinutes()).containsExactly(100L, 101L);
        assertThat(fact.burstRouters()).containsExactly(3, 3);
    }

    /** The definition: for every minute, the incidents of all minutes within the slack. */
    private static FleetFact.OperatorFact bySummingEachWindow(OperatorStats s, int minRouters, double minShare,
            int slack) {
        List<Long> bursts = new ArrayList<>();
        List<Integer> hit = new ArrayList<>();
        for (long m : s.incidentsPerMinute.keySet()) {
            int routers = s.incidentsPerMinute.subMap(m - slack, true, m + slack, true).values().stream()
                    .mapToInt(Integer::intValue).sum();
            if (routers >= minRouters && routers >= minShare * s.activeRouters) {
                bursts.add(m);
                hit.add(routers);
            }
        }
        return new FleetFact.OperatorFact("op", s.activeRouters, bursts, hit);
    }
}
