package io.flapguard.analyzer.domain;

/**
 * The router's most recent signal samples (a ring): seeds the signal of a new incident with the minutes before
 * it, and describes the router's radio when an incident has no samples of its own.
 */
public final class SignalRing {
    public static final int MAX = 8;
    static final short NO_VALUE = Short.MIN_VALUE;

    final long[] time = new long[MAX];
    final short[] rsrp = new short[MAX];
    final short[] sinr10 = new short[MAX];
    final short[] rsrq10 = new short[MAX];
    int count;
    int next;

    void add(long t, Integer rsrpDbm, Double sinr, Double rsrq) {
        if (rsrpDbm == null && sinr == null && rsrq == null) {
            return;
        }
        time[next] = t;
        rsrp[next] = rsrpDbm == null ? NO_VALUE : (short) (int) rsrpDbm;
        sinr10[next] = sinr == null ? NO_VALUE : (short) Math.round(sinr * 10);
        rsrq10[next] = rsrq == null ? NO_VALUE : (short) Math.round(rsrq * 10);
        next = (next + 1) % MAX;
        count = Math.min(MAX, count + 1);
    }

    /** Feeds the samples within {@code windowMs} of [from, to] into incident i. */
    void seed(Incidents incidents, int i, long from, long to, long windowMs) {
        for (int k = 0; k < count; k++) {
            if (time[k] >= from - windowMs && time[k] <= to + windowMs) {
                incidents.addSignalTo(i, value(rsrp[k]), value10(sinr10[k]));
            }
        }
    }

    public int size() {
        return count;
    }

    /** Mean of the remembered samples of one measure; null when there is none. */
    public Double meanRsrp() {
        return mean(rsrp, 1);
    }

    public Double meanSinr() {
        return mean(sinr10, 10);
    }

    public Double meanRsrq() {
        return mean(rsrq10, 10);
    }

    private Double mean(short[] values, double scale) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < count; k++) {
            if (values[k] != NO_VALUE) {
                sum += values[k] / scale;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    static Integer value(short v) {
        return v == NO_VALUE ? null : (int) v;
    }

    static Double value10(short v) {
        return v == NO_VALUE ? null : v / 10.0;
    }
}
