package io.flapguard.analyzer.domain;

/** Recent reboots of the router (ring), from boot lines and from uptime going backwards. */
public final class Reboots {
    public static final int MAX = 8;

    final long[] time = new long[MAX];
    int count;
    int next;
    /** Last uptime reported and the event time it was reported at (to see it go backwards). */
    long lastUptimeSeconds = -1;
    long lastUptimeAt;

    void add(long t) {
        for (int i = 0; i < count; i++) {
            if (Math.abs(time[i] - t) < 60_000) {
                return; // the same reboot seen twice (event and uptime reset)
            }
        }
        time[next] = t;
        next = (next + 1) % MAX;
        count = Math.min(MAX, count + 1);
    }

    /** A status reported uptime {@code uptimeSeconds} at {@code t}: uptime going backwards is a reboot. */
    void uptime(long t, long uptimeSeconds) {
        if (lastUptimeSeconds >= 0 && t > lastUptimeAt
                && uptimeSeconds < lastUptimeSeconds + (t - lastUptimeAt) / 1000 - 60) {
            add(t - uptimeSeconds * 1000);
        }
        if (t >= lastUptimeAt) {
            lastUptimeSeconds = uptimeSeconds;
            lastUptimeAt = t;
        }
    }

    /** Whether a reboot lies within {@code windowMs} of [from, to]. */
    public boolean near(long from, long to, long windowMs) {
        for (int i = 0; i < count; i++) {
            if (time[i] >= from - windowMs && time[i] <= to + windowMs) {
                return true;
            }
        }
        return false;
    }
}
