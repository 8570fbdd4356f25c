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

    /** Minutes m where the routers with an incident in [m - slack, m + slack] pass both thresholds. */
    public FleetFact.OperatorFact fact(String operator, int minRouters, double minShare, int slack) {
        List<Long> bursts = new ArrayList<>();
        List<Integer> routersHit = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : incidentsPerMinute.entrySet()) {
            long m = e.getKey();
            int routers = 0;
            for (int count : incidentsPerMinute.subMap(m - slack, true, m + slack, true).values()) {
                routers += count;
            }
            if (routers >= minRouters && routers >= minShare * activeRouters) {
                bursts.add(m);
                routersHit.add(routers);
            }
        }
        return new FleetFact.OperatorFact(operator, activeRouters, bursts, routersHit);
    }
}
