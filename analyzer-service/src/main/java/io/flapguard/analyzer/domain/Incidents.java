package io.flapguard.analyzer.domain;

/**
 * A router's recent incidents: a bounded ring sorted by start, oldest forgotten when full. Each incident keeps
 * its own signature (did the modem leave the USB bus, did data drop), the signal seen around it and, once
 * settled, its {@link IncidentClass}. Evidence arriving out of order lands in the right incident.
 */
public final class Incidents {
    public static final int MAX = 16;
    static final int MAX_SAMPLES = 60;
    static final byte USB = 1;
    static final byte DATA = 2;
    /** The incident falls in a burst of the router's operator, as the operator's fact says now. */
    static final byte OPERATOR_BURST = 4;

    final long[] start = new long[MAX];
    final long[] end = new long[MAX];
    final byte[] flags = new byte[MAX];
    final byte[] cls = new byte[MAX];
    /**
     * Signal samples seen within the signal window of the incident: count, RSRP sum (dBm), SINR sum (0.1 dB); at most
     * {@link #MAX_SAMPLES} samples, so the sums fit a short.
     */
    final byte[] signalN = new byte[MAX];
    final short[] rsrpSum = new short[MAX];
    final byte[] sinrN = new byte[MAX];
    final short[] sinrSum10 = new short[MAX];
    int count;
    /** Incidents ever counted (also those no longer remembered). */
    int total;

    public int size() {
        return count;
    }

    public int total() {
        return total;
    }

    public long start(int i) {
        return start[i];
    }

    public long end(int i) {
        return end[i];
    }

    public boolean modemLeftBus(int i) {
        return (flags[i] & USB) != 0;
    }

    /** The incident's class: its own, unless it falls in an operator burst (a reboot explains it first). */
    public IncidentClass classOf(int i) {
        IncidentClass own = ownClass(i);
        return inBurst(i) && own != IncidentClass.PENDING && own != IncidentClass.POWER ? IncidentClass.OPERATOR : own;
    }

    /**
     * The class from the router's own evidence (reboot, modem on the bus, signal), fixed once settled. Incidents
     * settled by earlier versions may hold {@link IncidentClass#OPERATOR} here: they stay so.
     */
    public IncidentClass ownClass(int i) {
        return IncidentClass.values()[cls[i]];
    }

    public boolean inBurst(int i) {
        return (flags[i] & OPERATOR_BURST) != 0;
    }

    void classify(int i, IncidentClass c) {
        cls[i] = (byte) c.ordinal();
    }

    void burst(int i, boolean inBurst) {
        flags[i] = (byte) (inBurst ? flags[i] | OPERATOR_BURST : flags[i] & ~OPERATOR_BURST);
    }

    /** Whether every incident from {@code since} on is still remembered (none of them forgotten). */
    boolean allSince(long since) {
        return total == count || (count > 0 && start[0] < since);
    }

    /** Mean RSRP around incident i, or null without samples. */
    public Double rsrp(int i) {
        return signalN[i] == 0 ? null : (double) rsrpSum[i] / signalN[i];
    }

    /** Mean SINR around incident i, or null without samples. */
    public Double sinr(int i) {
        return sinrN[i] == 0 ? null : sinrSum10[i] / 10.0 / sinrN[i];
    }

    /** Index of the first incident ending at or after {@code since}. */
    public int firstEndingAfter(long since) {
        int i = 0;
        while (i < count && end[i] < since) {
            i++;
        }
        return i;
    }

    /**
     * Adds disconnect evidence at {@code time} ({@code usb}: the modem left the bus). Evidence within {@code gapMs}
     * of an incident extends it. Returns the index of a new incident, -1 when it joined one, -2 when it started an
     * incident older than everything remembered (counted, not kept).
     */
    int add(long time, boolean usb, long gapMs) {
        byte flag = usb ? USB : DATA;
        for (int i = 0; i < count; i++) {
            if (time >= start[i] - gapMs && time <= end[i] + gapMs) {
                start[i] = Math.min(start[i], time);
                end[i] = Math.max(end[i], time);
                flags[i] |= flag;
                return -1;
            }
        }
        total++;
        int pos = count;
        while (pos > 0 && start[pos - 1] > time) {
            pos--;
        }
        if (count == MAX) {
            if (pos == 0) {
                return -2;
            }
            shift(1, 0, count - 1);
            count--;
            pos--;
        }
        shift(pos, pos + 1, count - pos);
        start[pos] = time;
        end[pos] = time;
        flags[pos] = flag;
        cls[pos] = (byte) IncidentClass.PENDING.ordinal();
        signalN[pos] = 0;
        rsrpSum[pos] = 0;
        sinrN[pos] = 0;
        sinrSum10[pos] = 0;
        count++;
        return pos;
    }

    /** Counts a signal sample towards every unsettled incident it is close to. */
    void addSignal(long time, Integer rsrp, Double sinr, long windowMs) {
        for (int i = 0; i < count; i++) {
            if (cls[i] == 0 && time >= start[i] - windowMs && time <= end[i] + windowMs) {
                addSignalTo(i, rsrp, sinr);
            }
        }
    }

    void addSignalTo(int i, Integer rsrp, Double sinr) {
        if (rsrp != null && signalN[i] < MAX_SAMPLES) {
            signalN[i]++;
            rsrpSum[i] += (short) (int) rsrp;
        }
        if (sinr != null && sinrN[i] < MAX_SAMPLES) {
            sinrN[i]++;
            sinrSum10[i] += (short) Math.round(sinr * 10);
        }
    }

    private void shift(int from, int to, int n) {
        System.arraycopy(start, from, start, to, n);
        System.arraycopy(end, from, end, to, n);
        System.arraycopy(flags, from, flags, to, n);
        System.arraycopy(cls, from, cls, to, n);
        System.arraycopy(signalN, from, signalN, to, n);
        System.arraycopy(rsrpSum, from, rsrpSum, to, n);
        System.arraycopy(sinrN, from, sinrN, to, n);
        System.arraycopy(sinrSum10, from, sinrSum10, to, n);
    }
}
