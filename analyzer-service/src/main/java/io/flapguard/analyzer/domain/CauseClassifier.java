package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Evidence;
import java.time.Instant;

/**
 * Decides why a router drops from the classes of its recent incidents ({@link IncidentClassifier}). A modem that
 * needs a person (download mode, not answering) comes first. Then, for a flapping router: firmware, when there is
 * firmware evidence strong on its own terms — the cohort implicated fleet-wide from unexplained incidents, or the
 * router's own rate jumping at a firmware change — and the firmware signature in its settled incidents: the modem
 * leaving the USB bus (its own evidence, whatever else also hits the router: a weak cell or an outage does not take
 * the modem off the bus). A router that sends no kernel log shows that signature only as Data to Server records that
 * could not read the modem while the bearer was down; with data drops alone, firmware also needs most of its incidents
 * unexplained. With firmware evidence (the cohort implicated, or the rate jump) the modem-side signature is enough
 * below the penalty's start threshold: a sampled router observes only some of its drops, a twice-a-day flapper never
 * reaches the threshold. Otherwise, when most incidents are explained (reboots, operator bursts, poor signal), the commonest
 * explanation. A few isolated data drops are never enough.
 */
public final class CauseClassifier {
    private static final double DAY_MS = 86_400_000d;
    private final AnalyzerConfig.CauseRules rules;
    private final IncidentClassifier incidents;

    public CauseClassifier(AnalyzerConfig.CauseRules rules, IncidentClassifier incidents) {
        this.rules = rules;
        this.incidents = incidents;
    }

    /**
     * The cause, its confidence and the evidence behind it; {@code flapping}: the penalty says so, or the cohort
     * carries a router whose own modem-side incidents are too few or too spread for the penalty.
     */
    public record Classification(Cause cause, double confidence, Evidence evidence, boolean signature,
            boolean flapping) {
    }

    /** Incidents of the window by class; provisional classes for those not settled yet. */
    private static final class Counts {
        final int[] byClass = new int[IncidentClass.values().length];
        int total;
        int settledSignature;
        /** Settled incidents in which the modem left the bus (kernel) or could not be read (Data to Server). */
        int settledModemSide;
        long windowStart;
        long windowEnd;
        int operatorRoutersHit;
        int signalSamples;
        double rsrpSum;
        int rsrpN;
        double sinrSum;
        int sinrN;

        int of(IncidentClass c) {
            return byClass[c.ordinal()];
        }

        int explained() {
            return of(IncidentClass.POWER) + of(IncidentClass.OPERATOR) + of(IncidentClass.RADIO);
        }
    }

    public Classification classify(RouterState s, long now, double penaltyNow, FleetFact.CohortFact cohort,
            FleetFact.OperatorFact operator) {
        Counts n = count(s, now, operator);
        double daysBefore = (s.changePoint - s.firstSeen) / DAY_MS;
        double daysAfter = (now - s.changePoint) / DAY_MS;
        Double rateBefore = s.changePoint > 0 && daysBefore > 0 ? s.unexplainedBefore / daysBefore : null;
        Double rateAfter = s.changePoint > 0 && daysAfter > 0
                ? s.unexplainedSince / Math.max(daysAfter, 1 / 24d) : null;
        boolean jumped = rateBefore != null && rateAfter != null && daysBefore >= 1 / 24d
                && s.unexplainedSince >= rules.changeMinIncidents()
                && rateAfter >= rules.changeRatio() * Math.max(rateBefore, 0.5 / daysBefore);
        boolean implicated = cohort != null && cohort.implicated();
        boolean signature = n.settledSignature >= rules.minSignatureIncidents();
        boolean modemSide = n.settledModemSide >= rules.minSignatureIncidents();
        // Firmware evidence strong on its own terms carries a router whose own signature is specific but thin: its
        // modem left the bus (or could not be read while the bearer was down) repeatedly, not at a reboot nor in an
        // outage, yet too rarely — or, seen only through records minutes apart, too rarely *seen* — for its own
        // penalty to reach the start threshold. Either the cohort is implicated, or the router's own unexplained
        // rate jumped at a firmware change (itself a rate test against the router's own past).
        // The implicated cohort speaks for a router with a kernel log only when its modem-side incidents stand out
        // from the baseline's chance resets: modems reset now and then on any firmware, and a router on bad firmware
        // that does not flap must not get a command from two chance resets and some isolated data drops. (A router
        // without the kernel log sees only some of its drops, through records minutes apart: its signature is
        // already what the sampling let through, and the baseline's rate of all unexplained drops is not its kind.)
        boolean byCohort = implicated && (!s.kernelLog || standsOut(n.settledModemSide, cohort,
                Math.min(rules.window().toMillis(), now - s.firstSeen)));
        boolean carried = (byCohort || jumped) && modemSide && !s.flapping;

        Cause cause;
        double confidence;
        String decidedBy;
        String note;
        if (s.modem.inDownloadMode()) {
            cause = Cause.DOWNLOAD_MODE;
            confidence = 0.95;
            decidedBy = "kernel: modem enumerated as 05c6:9008";
            note = "modem in download (EDL) mode since " + Instant.ofEpochMilli(s.modem.downloadModeAt())
                    + ": needs recovery with the vendor's flasher, never another update";
        } else if (s.modem.unresponsive(rules.unresponsiveAfter().toMillis())) {
            cause = Cause.MODEM_UNRESPONSIVE;
            confidence = 0.85;
            decidedBy = "syslog: gsmd write errors";
            note = "modem not answering since " + Instant.ofEpochMilli(s.modem.unresponsiveSince())
                    + ": needs a person (power cycle or recovery)";
        } else if (!s.flapping && !carried) {
            cause = Cause.NONE;
            confidence = 0.9;
            decidedBy = "flap penalty below the start threshold";
            note = "not flapping";
        } else if ((byCohort || jumped) && signature
                && (s.kernelLog || modemSide || n.explained() < rules.explainedShare() * n.total)) {
            cause = Cause.FIRMWARE;
            confidence = s.kernelLog ? (byCohort && jumped ? 0.95 : byCohort ? 0.9 : 0.8)
                    : modemSide ? (byCohort ? 0.8 : 0.6) : (byCohort ? 0.75 : 0.6);
            String sig = s.kernelLog ? n.settledSignature + " incidents with the modem leaving the USB bus"
                    : modemSide ? n.settledModemSide + " drops sampled with the modem not readable (no kernel log: "
                            + "Data to Server records without revision, model or signal)"
                    : n.settledSignature + " data drops with good signal (no kernel log: USB bus not visible)";
            if (carried) {
                sig = sig + ", flap penalty below the start threshold: carried by the "
                        + (byCohort ? "cohort" : "rate jump");
            }
            decidedBy = (byCohort ? "cohort flapping share" : "") + (byCohort && jumped ? " + " : "")
                    + (jumped ? "rate jump at the firmware change" : "") + " + " + sig;
            note = (byCohort ? "cohort flaps more than other firmware of " + s.membership.modemModel : "")
                    + (byCohort && jumped ? "; " : "")
                    + (jumped ? "unexplained incident rate jumped at the firmware change" : "") + "; " + sig;
        } else if (n.total > 0 && n.explained() >= rules.explainedShare() * n.total) {
            IncidentClass top = commonestExplanation(n);
            cause = switch (top) {
                case POWER -> Cause.POWER;
                case OPERATOR -> Cause.OPERATOR_OUTAGE;
                default -> Cause.RADIO;
            };
            confidence = Math.min(0.95, (double) n.explained() / n.total);
            decidedBy = "incident signatures: " + n.of(top) + " of " + n.total + " " + describe(top);
            note = n.explained() + " of " + n.total + " incidents explained: " + n.of(IncidentClass.POWER)
                    + " at a reboot, " + n.of(IncidentClass.OPERATOR) + " in bursts of " + s.operator + ", "
                    + n.of(IncidentClass.RADIO) + " with poor signal";
        } else {
            cause = Cause.UNKNOWN;
            confidence = 0.3;
            decidedBy = "no cause stands out";
            note = "flapping; " + (byCohort || jumped ? "firmware evidence, but only " + n.settledSignature
                    + (s.kernelLog ? " settled incidents with the modem leaving the USB bus"
                            : " settled data drops with good signal")
                    : implicated ? "cohort implicated, but the router's " + n.settledModemSide
                            + " settled modem-side incidents in the window are within what its baseline shows by chance"
                    : "cohort not implicated and no rate jump at a firmware change");
        }
        Evidence evidence = new Evidence(n.total, instant(n.windowStart), instant(n.windowEnd), round(penaltyNow),
                n.signalSamples, n.rsrpN == 0 ? null : round(n.rsrpSum / n.rsrpN),
                n.sinrN == 0 ? null : round(n.sinrSum / n.sinrN), nullable(s.signal.meanRsrq()),
                cohort == null ? null : cohort.rateRatio(), cohort == null ? null : cohort.ratioLow(),
                cohort == null ? null : cohort.ratioHigh(), cohort == null ? null : cohort.routers(),
                rateBefore == null ? null : round(rateBefore), rateAfter == null ? null : round(rateAfter),
                instant(s.changePoint), s.operator, n.operatorRoutersHit == 0 ? null : n.operatorRoutersHit, note,
                decidedBy, n.of(IncidentClass.MODEM), n.of(IncidentClass.DATA), n.of(IncidentClass.RADIO),
                n.of(IncidentClass.OPERATOR), n.of(IncidentClass.POWER), s.kernelLog, cohort == null ? null : implicated,
                cohort == null ? null : cohort.flappers(), cohort == null ? null : cohort.routers(),
                cohort == null ? null : cohort.baselineFlappers(), cohort == null ? null : cohort.baselineRouters(),
                cohort == null ? null : cohort.pValue());
        return new Classification(cause, confidence, evidence, signature, s.flapping || cause == Cause.FIRMWARE);
    }

    /**
     * Whether {@code k} settled modem-side incidents in {@code windowMs} are improbable for a router of the baseline:
     * P(X ≥ k) ≤ {@code carry-max-p-value} for X Poisson at the baseline's rate of modem-side incidents per router-day.
     */
    private boolean standsOut(int k, FleetFact.CohortFact cohort, long windowMs) {
        Long incidents = cohort.baselineModemSide();
        if (incidents == null || cohort.baselineRouterDays() == null || cohort.baselineRouterDays() <= 0) {
            return false;
        }
        double mean = incidents / cohort.baselineRouterDays() * Math.max(windowMs, 3_600_000L) / DAY_MS;
        return poissonAtLeast(k, mean) <= rules.carryMaxPValue();
    }

    /** P(X ≥ k) for X Poisson with the given mean. */
    static double poissonAtLeast(int k, double mean) {
        double term = Math.exp(-mean);
        double below = 0;
        for (int j = 0; j < k; j++) {
            below += term;
            term *= mean / (j + 1);
        }
        return Math.max(0, 1 - below);
    }

    private Counts count(RouterState s, long now, FleetFact.OperatorFact operator) {
        Counts n = new Counts();
        Incidents in = s.incidents;
        for (int i = in.firstEndingAfter(now - rules.window().toMillis()); i < in.size(); i++) {
            IncidentClass c = in.classOf(i);
            boolean settled = c != IncidentClass.PENDING;
            if (!settled) {
                c = incidents.classify(s, i, operator);
            }
            n.byClass[c.ordinal()]++;
            n.total++;
            if (settled && s.signature(c)) {
                n.settledSignature++;
            }
            if (settled && c == IncidentClass.MODEM) {
                n.settledModemSide++;
            }
            if (n.windowStart == 0) {
                n.windowStart = in.start(i);
            }
            n.windowEnd = Math.max(n.windowEnd, in.end(i));
            n.operatorRoutersHit = Math.max(n.operatorRoutersHit, incidents.burstRouters(operator, in.start(i)));
            if (in.rsrp(i) != null) {
                n.rsrpSum += in.rsrp(i);
                n.rsrpN++;
            }
            if (in.sinr(i) != null) {
                n.sinrSum += in.sinr(i);
                n.sinrN++;
            }
            n.signalSamples += in.signalN[i];
        }
        return n;
    }

    private static IncidentClass commonestExplanation(Counts n) {
        IncidentClass top = IncidentClass.POWER;
        for (IncidentClass c : new IncidentClass[] {IncidentClass.OPERATOR, IncidentClass.RADIO}) {
            if (n.of(c) > n.of(top)) {
                top = c;
            }
        }
        return top;
    }

    private static String describe(IncidentClass c) {
        return switch (c) {
            case POWER -> "at a reboot";
            case OPERATOR -> "in minutes when many routers of its operator dropped";
            default -> "with poor signal around them";
        };
    }

    private static Double nullable(Double v) {
        return v == null ? null : round(v);
    }

    private static Double round(double v) {
        return Math.round(v * 100) / 100d;
    }

    private static Instant instant(long ms) {
        return ms == 0 ? null : Instant.ofEpochMilli(ms);
    }
}
