package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cause;
import io.flapguard.wire.Cohort;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the analyzer remembers about one router. Deliberately small and bounded (rings of recent
 * incidents, event ids, reboots and signal samples) so a fleet of 100,000 routers stays well under 100 MB
 * of state; {@link RouterStateCodec} writes it in a compact binary form (target: at most 1 KiB).
 * Times are epoch milliseconds; 0 means "never".
 */
public final class RouterState {
    public static final int MAX_INCIDENTS = 16;
    public static final int MAX_IDS = 16;
    public static final int MAX_REBOOTS = 16;
    public static final int MAX_SIGNALS = 8;
    public static final int MAX_ISSUED_TARGETS = 4;

    /** Newest telemetry event time seen for this router: the router's own event-time clock. */
    public long maxTime;
    public long firstSeen;
    public int lastCountedDay = Integer.MIN_VALUE;

    public String routerModel;
    public String routerFirmware;
    public String modemModel;
    public String modemFirmware;
    public String operator;

    /** Incident [start, end] pairs sorted by start, oldest dropped when full. */
    public final long[] incidentStart = new long[MAX_INCIDENTS];
    public final long[] incidentEnd = new long[MAX_INCIDENTS];
    public int incidentCount;
    public int incidentsTotal;

    /** Hashes of recent disconnect-event ids (ring) so a redelivered line counts once. */
    public final int[] recentIds = new int[MAX_IDS];
    public int recentIdCount;
    public int recentIdNext;

    /** Recent reboot times (ring). */
    public final long[] reboots = new long[MAX_REBOOTS];
    public int rebootCount;
    public int rebootNext;
    public long lastUptimeSeconds = -1;
    public long lastUptimeAt;

    /** Recent signal samples (ring): time, RSRP dBm, SINR and RSRQ in tenths of dB; NO_VALUE when absent. */
    public static final short NO_VALUE = Short.MIN_VALUE;
    public final long[] signalTime = new long[MAX_SIGNALS];
    public final short[] signalRsrp = new short[MAX_SIGNALS];
    public final short[] signalSinr10 = new short[MAX_SIGNALS];
    public final short[] signalRsrq10 = new short[MAX_SIGNALS];
    public int signalCount;
    public int signalNext;

    /** Decaying flap penalty, valid at {@code penaltyAt}. */
    public double penalty;
    public long penaltyAt;
    public boolean flapping;
    public Cause cause = Cause.NONE;
    public double confidence;

    /** Last firmware change (router or modem) and incident counts around it. */
    public long changePoint;
    public int incidentsBeforeChange;
    public int incidentsSinceChange;

    public final List<String> issuedTargets = new ArrayList<>();
    public String openCommandId;
    public String openTarget;
    public long openIssuedAt;

    public String verifyTarget;
    public long verifyStart;
    public double verifyPenalty;
    public long verifyPenaltyAt;
    public VerificationOutcome verifyOutcome = VerificationOutcome.NONE;
    public long verifyDecidedAt;
    /** Wall-clock time the update result arrived: bounds how long a silent router is watched. */
    public long verifyArrivedWall;

    /** What the last published diagnosis said, so one is published only when it changes. */
    public boolean publishedFlapping;
    public Cause publishedCause = Cause.NONE;
    public VerificationOutcome publishedVerify = VerificationOutcome.NONE;

    public Cohort cohort() {
        return new Cohort(routerModel, routerFirmware, modemModel, modemFirmware);
    }

    public boolean hasCohort() {
        return modemModel != null && modemFirmware != null;
    }

    /** Remembers an event id; false when it was seen recently (a duplicate). */
    public boolean rememberId(String id) {
        int hash = id.hashCode() * 31 + id.length();
        for (int i = 0; i < recentIdCount; i++) {
            if (recentIds[i] == hash) {
                return false;
            }
        }
        recentIds[recentIdNext] = hash;
        recentIdNext = (recentIdNext + 1) % MAX_IDS;
        recentIdCount = Math.min(MAX_IDS, recentIdCount + 1);
        return true;
    }

    public void addReboot(long time) {
        for (int i = 0; i < rebootCount; i++) {
            if (Math.abs(reboots[i] - time) < 60_000) {
                return; // the same reboot seen twice (event and uptime reset)
            }
        }
        reboots[rebootNext] = time;
        rebootNext = (rebootNext + 1) % MAX_REBOOTS;
        rebootCount = Math.min(MAX_REBOOTS, rebootCount + 1);
    }

    public void addSignal(long time, Integer rsrp, Double sinr, Double rsrq) {
        if (rsrp == null && sinr == null && rsrq == null) {
            return;
        }
        signalTime[signalNext] = time;
        signalRsrp[signalNext] = rsrp == null ? NO_VALUE : (short) (int) rsrp;
        signalSinr10[signalNext] = sinr == null ? NO_VALUE : (short) Math.round(sinr * 10);
        signalRsrq10[signalNext] = rsrq == null ? NO_VALUE : (short) Math.round(rsrq * 10);
        signalNext = (signalNext + 1) % MAX_SIGNALS;
        signalCount = Math.min(MAX_SIGNALS, signalCount + 1);
    }

    public void issued(String commandId, String target, long at) {
        openCommandId = commandId;
        openTarget = target;
        openIssuedAt = at;
        if (issuedTargets.size() == MAX_ISSUED_TARGETS) {
            issuedTargets.remove(0);
        }
        issuedTargets.add(target);
    }

    /** Newest incident start, 0 when none. */
    public long lastIncidentStart() {
        return incidentCount == 0 ? 0 : incidentStart[incidentCount - 1];
    }
}
