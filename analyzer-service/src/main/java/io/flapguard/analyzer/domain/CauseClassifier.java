package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Evidence;
import java.time.Instant;

/**
 * Decides why a flapping router drops, most specific explanation first: power (reboots at the incidents),
 * operator outage (its incidents fall in minutes where many routers of its operator dropped), radio (poor
 * signal around the incidents), firmware (its cohort is implicated fleet-wide and/or its own rate jumped at
 * a firmware change). Firmware is last on purpose: a command must never be sent for a drop that another
 * cause explains.
 */
public final class CauseClassifier {
    private static final double DAY_MS = 86_400_000d;
    private final AnalyzerConfig.CauseRules rules;

    public CauseClassifier(AnalyzerConfig.CauseRules rules) {
        this.rules = rules;
    }

    /** The cause, its confidence and the evidence behind it. */
    public record Classification(Cause cause, double confidence, Evidence evidence) {
    }

    public Classification classify(RouterState s, boolean flapping, double penaltyNow, long now,
            FleetFact.CohortFact cohort, FleetFact.OperatorFact operator) {
        int from = firstRecent(s, now);
        int recent = s.incidentCount - from;
        long windowStart = recent > 0 ? s.incidentStart[from] : 0;
        long windowEnd = recent > 0 ? s.incidentEnd[s.incidentCount - 1] : 0;

        int rebootHits = 0;
        int burstHits = 0;
        int routersHit = 0;
        for (int i = from; i < s.incidentCount; i++) {
            if (nearReboot(s, s.incidentStart[i], s.incidentEnd[i])) {
                rebootHits++;
            }
            int hit = burstRouters(operator, s.incidentStart[i]);
            if (hit > 0) {
                burstHits++;
                routersHit = Math.max(routersHit, hit);
            }
        }
        Signal signal = signal(s, windowStart, windowEnd);
        double daysBefore = (s.changePoint - s.firstSeen) / DAY_MS;
        double daysAfter = (now - s.changePoint) / DAY_MS;
        Double rateBefore = s.changePoint > 0 && daysBefore > 0 ? s.incidentsBeforeChange / daysBefore : null;
        Double rateAfter = s.changePoint > 0 && daysAfter > 0 ? s.incidentsSinceChange / Math.max(daysAfter, 1 / 24d)
                : null;
        boolean jumpedAtChange = rateBefore != null && rateAfter != null && daysBefore >= 1 / 24d
                && s.incidentsSinceChange >= rules.changeMinIncidents()
                && rateAfter >= rules.changeRatio() * Math.max(rateBefore, 0.5 / daysBefore);
        boolean implicated = cohort != null && cohort.implicated();

        Cause cause;
        double confidence;
        String note;
        if (!flapping) {
            cause = Cause.NONE;
            confidence = 0.9;
            note = "not flapping";
        } else if (recent > 0 && rebootHits >= rules.explainedShare() * recent) {
            cause = Cause.POWER;
            confidence = share(rebootHits, recent);
            note = rebootHits + " of " + recent + " incidents coincide with a reboot";
        } else if (recent > 0 && burstHits >= rules.explainedShare() * recent) {
            cause = Cause.OPERATOR_OUTAGE;
            confidence = share(burstHits, recent);
            note = burstHits + " of " + recent + " incidents fall in minutes when many routers of " + s.operator
                    + " dropped";
        } else if (signal.poor(rules)) {
            cause = Cause.RADIO;
            confidence = Math.min(0.95, 0.5 + 0.1 * signal.samples);
            note = "poor signal around the incidents";
        } else if (implicated || jumpedAtChange) {
            cause = Cause.FIRMWARE;
            confidence = implicated && jumpedAtChange ? 0.9 : implicated ? 0.8 : 0.6;
            note = (implicated ? "cohort flaps more than other firmware of " + s.modemModel : "")
                    + (implicated && jumpedAtChange ? "; " : "")
                    + (jumpedAtChange ? "incident rate jumped at the firmware change" : "");
        } else {
            cause = Cause.UNKNOWN;
            confidence = 0.3;
            note = "flapping; no cause stands out yet";
        }
        Evidence evidence = new Evidence(recent, instant(windowStart), instant(windowEnd), round(penaltyNow),
                signal.samples, signal.rsrp(), signal.sinr(), signal.rsrq(),
                cohort == null ? null : cohort.rateRatio(), cohort == null ? null : cohort.ratioLow(),
                cohort == null ? null : cohort.ratioHigh(), cohort == null ? null : cohort.routers(),
                rateBefore, rateAfter, instant(s.changePoint), s.operator, routersHit == 0 ? null : routersHit, note);
        return new Classification(cause, confidence, evidence);
    }

    private int firstRecent(RouterState s, long now) {
        long since = now - rules.window().toMillis();
        int i = 0;
        while (i < s.incidentCount && s.incidentEnd[i] < since) {
            i++;
        }
        return i;
    }

    private boolean nearReboot(RouterState s, long start, long end) {
        long w = rules.rebootWindow().toMillis();
        for (int i = 0; i < s.rebootCount; i++) {
            if (s.reboots[i] >= start - w && s.reboots[i] <= end + w) {
                return true;
            }
        }
        return false;
    }

    private int burstRouters(FleetFact.OperatorFact operator, long start) {
        if (operator == null) {
            return 0;
        }
        long minute = Math.floorDiv(start, 60_000L);
        for (int i = 0; i < operator.burstMinutes().size(); i++) {
            if (Math.abs(operator.burstMinutes().get(i) - minute) <= rules.operatorMinuteSlack()) {
                return operator.burstRouters().get(i);
            }
        }
        return 0;
    }

    private Signal signal(RouterState s, long windowStart, long windowEnd) {
        Signal sig = new Signal();
        if (windowStart == 0) {
            return sig;
        }
        long w = rules.signalWindow().toMillis();
        // Samples around the incidents; the ring is short, so when none is left from those minutes, the
        // samples since the first incident describe the router's radio conditions instead.
        long to = windowEnd + w;
        boolean anyAround = false;
        for (int i = 0; i < s.signalCount; i++) {
            anyAround |= s.signalTime[i] >= windowStart - w && s.signalTime[i] <= to;
        }
        if (!anyAround) {
            to = Long.MAX_VALUE;
        }
        for (int i = 0; i < s.signalCount; i++) {
            long t = s.signalTime[i];
            if (t < windowStart - w || t > to) {
                continue;
            }
            sig.samples++;
            if (s.signalRsrp[i] != RouterState.NO_VALUE) {
                sig.rsrpSum += s.signalRsrp[i];
                sig.rsrpN++;
            }
            if (s.signalSinr10[i] != RouterState.NO_VALUE) {
                sig.sinrSum += s.signalSinr10[i] / 10d;
                sig.sinrN++;
            }
            if (s.signalRsrq10[i] != RouterState.NO_VALUE) {
                sig.rsrqSum += s.signalRsrq10[i] / 10d;
                sig.rsrqN++;
            }
        }
        return sig;
    }

    /** Mean signal around the incidents. */
    private static final class Signal {
        int samples;
        double rsrpSum;
        double sinrSum;
        double rsrqSum;
        int rsrpN;
        int sinrN;
        int rsrqN;

        Double rsrp() {
            return rsrpN == 0 ? null : round(rsrpSum / rsrpN);
        }

        Double sinr() {
            return sinrN == 0 ? null : round(sinrSum / sinrN);
        }

        Double rsrq() {
            return rsrqN == 0 ? null : round(rsrqSum / rsrqN);
        }

        boolean poor(AnalyzerConfig.CauseRules r) {
            return (rsrp() != null && rsrp() < r.rsrpBelow()) || (sinr() != null && sinr() < r.sinrBelow())
                    || (rsrq() != null && rsrq() < r.rsrqBelow());
        }
    }

    private static double share(int hits, int of) {
        return Math.min(0.95, (double) hits / of);
    }

    private static Double round(double v) {
        return Math.round(v * 100) / 100d;
    }

    private static Instant instant(long ms) {
        return ms == 0 ? null : Instant.ofEpochMilli(ms);
    }
}
