package io.flapguard.analyzer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One operator's active routers and incidents per minute, from which burst minutes are found: many of its routers
 * dropping in the same minutes, whatever their firmware.
 *
 * <p>A minute is kept for a day of the operator's event time, counted from the newest minute the aggregate had seen
 * {@link #HOLD_MS} of wall-clock time ago. The day alone would not do in a catch-up: the fleet's partitions are then
 * processed at different paces, hours of event time apart, and an outage's minutes would be dropped once the fastest
 * partition's routers were a day past them — before the slower partitions' routers had reported their incidents in
 * it. Holding on wall-clock time keeps the minutes until the catch-up is over; in steady operation, wall-clock and
 * event time run together and this keeps a day and ten minutes.
 */
public final class OperatorStats {
    static final long KEEP_MINUTES = 24 * 60;
    static final long HOLD_MS = 10 * 60_000L;
    /** Also in a catch-up of weeks, no more than this many minutes are kept (bounds the aggregate's size). */
    static final int MAX_MINUTES = 7 * 24 * 60;

    public int activeRouters;
    public TreeMap<Long, Integer> incidentsPerMinute = new TreeMap<>();
    /**
     * First minute still kept (null before the first incident, and in aggregates of earlier versions). It only grows,
     * and incidents older than it are ignored, so the minutes kept end the same whatever order the routers' incidents
     * arrived in.
     */
    public Long keptFrom;
    /** {wall-clock ms, newest minute then}, one per wall-clock minute, for the last {@link #HOLD_MS} and one before. */
    public List<long[]> newestByWallClock = new ArrayList<>();

    /** @param wallNow wall-clock time now, in ms */
    public void apply(FleetUpdate u, long wallNow) {
        switch (u.kind()) {
            case JOIN -> activeRouters++;
            case LEAVE -> activeRouters = Math.max(0, activeRouters - 1);
            case INCIDENT -> incident(Math.floorDiv(u.time(), 60_000L), wallNow);
            default -> {
            }
        }
    }

    private void incident(long minute, long wallNow) {
        if (keptFrom == null) { // the first incident, or an aggregate of an earlier version (it kept one day)
            keptFrom = incidentsPerMinute.isEmpty() ? Long.MIN_VALUE : incidentsPerMinute.lastKey() - KEEP_MINUTES;
        }
        if (minute < keptFrom) {
            return;
        }
        incidentsPerMinute.merge(minute, 1, Integer::sum);
        long newest = incidentsPerMinute.lastKey();
        Long newestThen = remember(wallNow, newest);
        if (newestThen != null) {
            keptFrom = Math.max(keptFrom, newestThen - KEEP_MINUTES);
        }
        keptFrom = Math.max(keptFrom, newest - MAX_MINUTES);
        incidentsPerMinute.headMap(keptFrom).clear();
    }

    /** Records the newest minute now; returns the newest minute as it was {@link #HOLD_MS} ago (null: unknown). */
    private Long remember(long wallNow, long newest) {
        int last = newestByWallClock.size() - 1;
        if (last >= 0 && wallNow - newestByWallClock.get(last)[0] < 60_000L) {
            newestByWallClock.get(last)[1] = Math.max(newestByWallClock.get(last)[1], newest);
        } else {
            newestByWallClock.add(new long[] {wallNow, newest});
        }
        long holdStart = wallNow - HOLD_MS;
        while (newestByWallClock.size() > 1 && newestByWallClock.get(1)[0] <= holdStart) {
            newestByWallClock.remove(0); // the latest sample at or before the hold's start is all that is needed
        }
        long[] first = newestByWallClock.get(0);
        return first[0] <= holdStart ? first[1] : null;
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
        return new FleetFact.OperatorFact(operator, activeRouters, bursts, routersHit, keptFrom);
    }
}
