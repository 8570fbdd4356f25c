package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
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
                            * 60_000L + random.nextInt(60_000), 0, 0, 0, false), minute * 60_000L);
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
                    0, 0, 0, false), 0);
        }
        FleetFact.OperatorFact fact = stats.fact("op", 3, 0.2, 1);
        assertThat(fact.burstMinutes()).containsExactly(100L, 101L);
        assertThat(fact.burstRouters()).containsExactly(3, 3);
    }

    /**
     * In a catch-up, routers' incidents reach the operator's aggregate in whatever order their partitions are
     * processed, days of event time apart, within minutes of wall-clock time: the minutes kept and the bursts must end
     * the same for every order.
     */
    @Test
    void inACatchUpTheMinutesKeptAndTheBurstsDoNotDependOnTheOrderIncidentsArriveIn() {
        Random random = new Random(7);
        List<FleetUpdate> updates = incidents(random, 3_000);
        long wall = 1_000_000_000L;
        OperatorStats inOrder = apply(updates, u -> wall);
        for (int round = 0; round < 20; round++) {
            List<FleetUpdate> shuffled = new ArrayList<>(updates);
            Collections.shuffle(shuffled, random);
            long[] clock = {wall};
            OperatorStats other = apply(shuffled, u -> clock[0] += 20); // under 3 minutes of wall-clock time in all
            assertThat(other.incidentsPerMinute).isEqualTo(inOrder.incidentsPerMinute);
            assertThat(other.fact("op", 3, 0.1, 1)).isEqualTo(inOrder.fact("op", 3, 0.1, 1));
        }
        assertThat(inOrder.incidentsPerMinute.firstKey()).as("nothing dropped within the hold")
                .isEqualTo(Math.floorDiv(updates.get(0).time(), 60_000L));
    }

    /** In steady operation (wall clock and event time together) a day and the hold are kept; older news is ignored. */
    @Test
    void inSteadyOperationADayIsKeptAndIncidentsOlderThanThatAreIgnored() {
        List<FleetUpdate> updates = incidents(new Random(11), 3_000);
        OperatorStats stats = apply(updates, FleetUpdate::time);
        long newest = stats.incidentsPerMinute.lastKey();
        assertThat(newest - updates.get(0).time() / 60_000L).isGreaterThan(2 * OperatorStats.KEEP_MINUTES);
        assertThat(stats.keptFrom).isBetween(newest - OperatorStats.KEEP_MINUTES - 12, newest - OperatorStats.KEEP_MINUTES);
        assertThat(stats.incidentsPerMinute.firstKey()).isGreaterThanOrEqualTo(stats.keptFrom);
        assertThat(stats.newestByWallClock).hasSizeLessThanOrEqualTo(12);
        var before = new java.util.TreeMap<>(stats.incidentsPerMinute);
        stats.apply(incident(stats.keptFrom - 1), newest * 60_000L);
        assertThat(stats.incidentsPerMinute).isEqualTo(before);
    }

    private static List<FleetUpdate> incidents(Random random, int minutes) {
        List<FleetUpdate> updates = new ArrayList<>();
        long minute = 29_000_000L;
        for (int i = 0; i < minutes; i++) {
            minute += 1 + random.nextInt(2);
            for (int k = random.nextInt(4); k >= 0; k--) {
                updates.add(incident(minute));
            }
        }
        return updates;
    }

    private static FleetUpdate incident(long minute) {
        return new FleetUpdate(FleetUpdate.Kind.INCIDENT, null, null, null, null, null, "op", minute * 60_000L + 30_000,
                0, 0, 0, false);
    }

    private static OperatorStats apply(List<FleetUpdate> updates, java.util.function.ToLongFunction<FleetUpdate> wall) {
        OperatorStats stats = new OperatorStats();
        stats.activeRouters = 20;
        updates.forEach(u -> stats.apply(u, wall.applyAsLong(u)));
        return stats;
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
        return new FleetFact.OperatorFact("op", s.activeRouters, bursts, hit, s.keptFrom);
    }
}
