package io.flapguard.analyzer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One operator's active routers and incidents per minute (bounded to the last day of event time), from
 * which burst minutes are found: many of its routers dropping in the same minutes, whatever their firmware.
 */
public final class OperatorStats {
    static final long KEEP_MINUTES = 24 * 60;

    public int activeRouters;
    public TreeMap<Long, Integer> incidentsPerMinute = new TreeMap<>();

    public void apply(FleetUpdate u) {
        switch (u.kind()) {
            case JOIN -> activeRouters++;
            case LEAVE -> activeRouters = Math.max(0, activeRouters - 1);
            case INCIDENT -> {
                long minute = Math.floorDiv(u.time(), 60_000L);
                incidentsPerMinute.merge(minute, 1, Integer::sum);
                long newest = incidentsPerMinute.lastKey();
                incidentsPerMinute.headMap(newest - KEEP_MINUTES).clear();
            }
            default -> {
            }
        }
    }

    /**
     * Minutes m where the routers with an incident in [m - slack, m + slack] pass both thresholds. One pass with a
     * sliding window over the minutes (the same integer sums as summing each window afresh).
     */
    public FleetFact.OperatorFact fact(String operator, int minRouters, double minShare, int slack) {
        int size = incidentsPerMinute.size();
        long[] minutes = new long[size];
        int[] counts = new int[size];
        int i = 0;
        for (Map.Entry<Long, Integer> e : incidentsPerMinute.entrySet()) {
            minutes[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        List<Long> bursts = new ArrayList<>();
        List<Integer> routersHit = new ArrayList<>();
        int lo = 0;
        int hi = 0;
        int routers = 0; // incidents of minutes[lo..hi)
        for (int j = 0; j < size; j++) {
            long m = minutes[j];
            while (hi < size && minutes[hi] <= m + slack) {
                routers += counts[hi++];
            }
            while (minutes[lo] < m - slack) {
                routers -= counts[lo++];
            }
            if (routers >= minRouters && routers >= minShare * activeRouters) {
                bursts.add(m);
                routersHit.add(routers);
            }
        }
        return new FleetFact.OperatorFact(operator, activeRouters, bursts, routersHit);
    }
}
