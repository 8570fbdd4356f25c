package io.flapguard.analyzer.domain;

/**
 * Groups disconnect evidence into incidents: evidence within {@code gap} of an incident (before its start
 * or after its end) extends it; anything else starts a new incident. Works on the router's bounded,
 * start-sorted incident ring, so evidence arriving out of order lands in the right incident.
 */
public final class IncidentGrouper {
    private final long gapMs;

    public IncidentGrouper(long gapMs) {
        this.gapMs = gapMs;
    }

    /** Adds evidence at {@code time}; true when it started a new incident. */
    public boolean add(RouterState s, long time) {
        for (int i = 0; i < s.incidentCount; i++) {
            if (time >= s.incidentStart[i] - gapMs && time <= s.incidentEnd[i] + gapMs) {
                s.incidentStart[i] = Math.min(s.incidentStart[i], time);
                s.incidentEnd[i] = Math.max(s.incidentEnd[i], time);
                return false;
            }
        }
        int pos = s.incidentCount;
        while (pos > 0 && s.incidentStart[pos - 1] > time) {
            pos--;
        }
        if (s.incidentCount == RouterState.MAX_INCIDENTS) {
            if (pos == 0) {
                return true; // older than everything remembered: counts, but is not kept
            }
            shiftLeft(s); // forget the oldest
            pos--;
        }
        System.arraycopy(s.incidentStart, pos, s.incidentStart, pos + 1, s.incidentCount - pos);
        System.arraycopy(s.incidentEnd, pos, s.incidentEnd, pos + 1, s.incidentCount - pos);
        s.incidentStart[pos] = time;
        s.incidentEnd[pos] = time;
        s.incidentCount++;
        return true;
    }

    private static void shiftLeft(RouterState s) {
        System.arraycopy(s.incidentStart, 1, s.incidentStart, 0, s.incidentCount - 1);
        System.arraycopy(s.incidentEnd, 1, s.incidentEnd, 0, s.incidentCount - 1);
        s.incidentCount--;
    }
}
