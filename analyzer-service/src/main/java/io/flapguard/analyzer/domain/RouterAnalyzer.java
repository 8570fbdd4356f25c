package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.FirmwareVersion;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * The per-router decisions, free of Kafka: feed it one router's telemetry and remediation results in any
 * order and it keeps that router's {@link RouterState} and says what to publish. Time is the router's
 * event time ({@link RouterState#maxTime}), never the wall clock.
 */
public final class RouterAnalyzer {
    private static final long DAY_MS = 86_400_000L;

    private final IncidentGrouper grouper;
    private final FlapPenalty penalty;
    private final CauseClassifier classifier;
    private final RemediationCatalog catalog;
    private final long graceMs;
    private final long verifyPeriodMs;
    private final long silentAfterMs;
    private final double minConfidence;

    public RouterAnalyzer(AnalyzerConfig config) {
        this.grouper = new IncidentGrouper(config.incident().gap().toMillis());
        this.penalty = FlapPenalty.of(config.penalty());
        this.classifier = new CauseClassifier(config.cause());
        this.catalog = new RemediationCatalog(config.catalog());
        this.graceMs = config.incident().grace().toMillis();
        this.verifyPeriodMs = config.verification().period().toMillis();
        this.silentAfterMs = config.verification().silentAfter().toMillis();
        this.minConfidence = config.remediation().minConfidence();
    }

    public void onTelemetry(RouterState s, TelemetryMessage m, Facts facts, Outputs out) {
        long t = m.time().toEpochMilli();
        if (s.maxTime != 0 && t < s.maxTime - graceMs) {
            out.late = true;
            return;
        }
        s.firstSeen = s.firstSeen == 0 ? t : Math.min(s.firstSeen, t);
        s.maxTime = Math.max(s.maxTime, t);
        if (m instanceof RouterEvent e) {
            onEvent(s, e, t, out);
        } else if (m instanceof StatusSnapshot st) {
            onStatus(s, st, t, out);
        }
        if (s.hasCohort() && Math.floorDiv(t, DAY_MS) > s.lastCountedDay) {
            s.lastCountedDay = (int) Math.floorDiv(t, DAY_MS);
            out.fleet.add(cohortUpdate(s, FleetUpdate.Kind.ROUTER_DAY, t));
        }
        evaluate(s, m.serial(), facts, out);
    }

    /** @param wallNow wall-clock time now (the result's arrival), in ms */
    public void onResult(RouterState s, RemediationResult r, Facts facts, Outputs out, long wallNow) {
        String target = r.targetFirmware() != null ? r.targetFirmware() : s.openTarget;
        boolean ours = r.commandId().equals(s.openCommandId)
                || (target != null && r.commandId().equals(RemediationCommand.idFor(r.serial(), target)));
        if (!ours || !r.status().isTerminal()) {
            return;
        }
        if (r.commandId().equals(s.openCommandId)) {
            s.openCommandId = null;
            s.openTarget = null;
        }
        boolean alreadyWatched = target != null && target.equals(s.verifyTarget)
                && s.verifyOutcome != VerificationOutcome.NONE;
        if (r.status().isOnTarget() && target != null && !alreadyWatched) {
            s.verifyTarget = target;
            // The watch runs on the router's own event time: the updater's clock (r.at) may differ from the
            // router's, and a router clock behind it would otherwise never reach the end of the period.
            s.verifyStart = s.maxTime != 0 ? s.maxTime : r.at().toEpochMilli();
            s.verifyPenalty = 0;
            s.verifyPenaltyAt = s.verifyStart;
            s.verifyOutcome = VerificationOutcome.WATCHING;
            s.verifyArrivedWall = wallNow;
        }
        if (s.maxTime != 0) {
            evaluate(s, r.serial(), facts, out);
        }
    }

    /** Re-evaluates a router against the current fleet facts, without new telemetry (periodic sweep). */
    public void reevaluate(RouterState s, String serial, Facts facts, Outputs out, long wallNow) {
        if (s.verifyOutcome == VerificationOutcome.WATCHING && s.verifyArrivedWall > 0
                && wallNow - s.verifyArrivedWall >= silentAfterMs) {
            // Event time alone would wait forever for a router that stopped reporting: say so instead.
            s.verifyOutcome = VerificationOutcome.SILENT;
            s.verifyDecidedAt = s.maxTime;
            out.verdict = VerificationOutcome.SILENT;
        }
        if (s.maxTime != 0 && (s.flapping || s.verifyOutcome == VerificationOutcome.WATCHING
                || s.verifyOutcome != s.publishedVerify)) {
            evaluate(s, serial, facts, out);
        }
    }

    private void onEvent(RouterState s, RouterEvent e, long t, Outputs out) {
        EventKind kind = e.kind();
        if (kind.isDisconnectEvidence()) {
            if (!s.rememberId(e.id())) {
                out.duplicate = true;
            } else if (grouper.add(s, t)) {
                newIncident(s, t, out);
            }
        } else if (kind == EventKind.ROUTER_REBOOT) {
            s.addReboot(t);
        } else if (kind == EventKind.MODEM_FIRMWARE_UPDATED && FirmwareVersion.isValid(e.toFirmware())) {
            changeCohort(s, s.routerModel, s.routerFirmware, s.modemModel, e.toFirmware(), t, out);
        }
    }

    private void onStatus(RouterState s, StatusSnapshot st, long t, Outputs out) {
        changeCohort(s, or(st.routerModel(), s.routerModel), or(st.routerFirmware(), s.routerFirmware),
                or(st.modemModel(), s.modemModel), or(st.modemFirmware(), s.modemFirmware), t, out);
        if (st.operator() != null && !st.operator().equals(s.operator)) {
            if (s.operator != null) {
                out.fleet.add(new Outputs.Keyed(FleetUpdate.operatorKey(s.operator),
                        new FleetUpdate(FleetUpdate.Kind.LEAVE, null, null, null, null, s.operator, t)));
            }
            s.operator = st.operator();
            out.fleet.add(new Outputs.Keyed(FleetUpdate.operatorKey(s.operator),
                    new FleetUpdate(FleetUpdate.Kind.JOIN, null, null, null, null, s.operator, t)));
        }
        s.addSignal(t, st.rsrp(), st.sinr(), st.rsrq());
        if (st.uptimeSeconds() != null) {
            // Uptime going backwards means the router rebooted uptime seconds ago.
            if (s.lastUptimeSeconds >= 0 && t > s.lastUptimeAt
                    && st.uptimeSeconds() < s.lastUptimeSeconds + (t - s.lastUptimeAt) / 1000 - 60) {
                s.addReboot(t - st.uptimeSeconds() * 1000);
            }
            if (t >= s.lastUptimeAt) {
                s.lastUptimeSeconds = st.uptimeSeconds();
                s.lastUptimeAt = t;
            }
        }
    }

    private void changeCohort(RouterState s, String routerModel, String routerFw, String modemModel, String modemFw,
            long t, Outputs out) {
        boolean same = Objects.equals(routerModel, s.routerModel) && Objects.equals(routerFw, s.routerFirmware)
                && Objects.equals(modemModel, s.modemModel) && Objects.equals(modemFw, s.modemFirmware);
        if (same) {
            return;
        }
        boolean firmwareChanged = (s.routerFirmware != null && !s.routerFirmware.equals(routerFw))
                || (s.modemFirmware != null && !s.modemFirmware.equals(modemFw));
        if (s.hasCohort()) {
            out.fleet.add(cohortUpdate(s, FleetUpdate.Kind.LEAVE, t));
        }
        if (firmwareChanged) {
            s.changePoint = t;
            s.incidentsBeforeChange = s.incidentsSinceChange;
            s.incidentsSinceChange = 0;
        }
        s.routerModel = routerModel;
        s.routerFirmware = routerFw;
        s.modemModel = modemModel;
        s.modemFirmware = modemFw;
        if (s.hasCohort()) {
            out.fleet.add(cohortUpdate(s, FleetUpdate.Kind.JOIN, t));
        }
    }

    private void newIncident(RouterState s, long t, Outputs out) {
        s.incidentsTotal++;
        if (s.changePoint > 0 && t < s.changePoint) {
            s.incidentsBeforeChange++;
        } else {
            s.incidentsSinceChange++;
        }
        penalty.addIncident(s, t);
        out.newIncidents++;
        if (s.hasCohort()) {
            out.fleet.add(cohortUpdate(s, FleetUpdate.Kind.INCIDENT, t));
        }
        if (s.operator != null) {
            out.fleet.add(new Outputs.Keyed(FleetUpdate.operatorKey(s.operator),
                    new FleetUpdate(FleetUpdate.Kind.INCIDENT, null, null, null, null, s.operator, t)));
        }
    }

    private void evaluate(RouterState s, String serial, Facts facts, Outputs out) {
        long now = s.maxTime;
        double penaltyNow = penalty.valueAt(s, now);
        s.flapping = penalty.nextFlapping(s.flapping, penaltyNow);
        CauseClassifier.Classification c = classifier.classify(s, s.flapping, penaltyNow, now,
                s.hasCohort() ? facts.cohort(s.cohort()) : null, facts.operator(s.operator));
        s.cause = c.cause();
        s.confidence = c.confidence();
        verify(s, now, out);
        String note = c.evidence().note();
        if (s.cause == Cause.FIRMWARE) {
            note = note + suggestion(s, facts, serial, out);
        }
        if (s.verifyOutcome != VerificationOutcome.NONE) {
            note = note + "; update to " + s.verifyTarget + ": " + s.verifyOutcome.name().toLowerCase();
        }
        if (s.flapping != s.publishedFlapping || s.cause != s.publishedCause || s.verifyOutcome != s.publishedVerify) {
            s.publishedFlapping = s.flapping;
            s.publishedCause = s.cause;
            s.publishedVerify = s.verifyOutcome;
            out.diagnoses.add(diagnosis(s, serial, c, note));
        }
    }

    /** The diagnosis as it stands (also what the REST API shows). */
    public Diagnosis diagnosis(RouterState s, String serial, Facts facts) {
        double penaltyNow = penalty.valueAt(s, s.maxTime);
        CauseClassifier.Classification c = classifier.classify(s, s.flapping, penaltyNow, s.maxTime,
                s.hasCohort() ? facts.cohort(s.cohort()) : null, facts.operator(s.operator));
        return diagnosis(s, serial, c, c.evidence().note());
    }

    private static Diagnosis diagnosis(RouterState s, String serial, CauseClassifier.Classification c, String note) {
        var e = c.evidence();
        var evidence = new io.flapguard.wire.Evidence(e.incidents(), e.windowStart(), e.windowEnd(), e.penalty(),
                e.signalSamples(), e.rsrpAvg(), e.sinrAvg(), e.rsrqAvg(), e.cohortRateRatio(), e.cohortRatioLow(),
                e.cohortRatioHigh(), e.cohortRouters(), e.rateBefore(), e.rateAfter(), e.changePoint(), e.operator(),
                e.operatorRoutersHit(), note);
        return new Diagnosis(WireMessage.SCHEMA_VERSION, serial, s.flapping ? FlapState.FLAPPING : FlapState.STABLE,
                c.cause(), c.confidence(), s.cohort(), evidence, Instant.ofEpochMilli(s.maxTime));
    }

    private void verify(RouterState s, long now, Outputs out) {
        if (s.verifyOutcome != VerificationOutcome.WATCHING || now < s.verifyStart) {
            return;
        }
        if (penalty.decay(s.verifyPenalty, s.verifyPenaltyAt, now) >= penalty.start()) {
            s.verifyOutcome = VerificationOutcome.FAILED_TO_FIX;
        } else if (now >= s.verifyStart + verifyPeriodMs) {
            s.verifyOutcome = VerificationOutcome.VERIFIED;
        } else {
            return;
        }
        s.verifyDecidedAt = now;
        out.verdict = s.verifyOutcome;
        FleetUpdate.Kind kind = s.verifyOutcome == VerificationOutcome.VERIFIED ? FleetUpdate.Kind.VERIFIED
                : FleetUpdate.Kind.FAILED_TO_FIX;
        if (s.modemModel != null) {
            out.fleet.add(new Outputs.Keyed(FleetUpdate.modelKey(s.modemModel),
                    new FleetUpdate(kind, s.routerModel, s.routerFirmware, s.modemModel, s.verifyTarget, null, now)));
        }
    }

    /** Emits a command when the rules allow one; returns a note on the target for the diagnosis. */
    private String suggestion(RouterState s, Facts facts, String serial, Outputs out) {
        if (s.modemModel == null || s.modemFirmware == null) {
            return "";
        }
        FleetFact.ModelFact model = facts.model(s.modemModel);
        RemediationCatalog.Target target = catalog.targetFor(s.modemModel, s.modemFirmware, model);
        if (target == null) {
            String learned = catalog.learned(model, s.modemFirmware);
            return learned == null ? "; no known target firmware" : "; suggested (learned, not enabled): " + learned;
        }
        if (target.firmware().equals(s.modemFirmware)) {
            return "; already on target " + target.firmware();
        }
        boolean allowed = s.confidence >= minConfidence && s.openCommandId == null
                && !s.issuedTargets.contains(target.firmware());
        if (allowed) {
            String id = RemediationCommand.idFor(serial, target.firmware());
            String reason = "flapping, cause firmware (" + s.modemFirmware + " on " + s.routerModel + " "
                    + s.routerFirmware + "); " + (target.learned() ? "learned" : "catalog") + " target "
                    + target.firmware();
            out.commands.add(new RemediationCommand(WireMessage.SCHEMA_VERSION, id, serial,
                    RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, s.modemModel, s.modemFirmware, target.firmware(),
                    s.cohort(), reason, s.confidence, Instant.ofEpochMilli(s.maxTime)));
            s.issued(id, target.firmware(), s.maxTime);
        }
        return "; target " + target.firmware() + (target.learned() ? " (learned)" : " (catalog)");
    }

    private static FleetUpdate cohortKeyed(RouterState s, FleetUpdate.Kind kind, long t) {
        return new FleetUpdate(kind, s.routerModel, s.routerFirmware, s.modemModel, s.modemFirmware, null, t);
    }

    private static Outputs.Keyed cohortUpdate(RouterState s, FleetUpdate.Kind kind, long t) {
        return new Outputs.Keyed(FleetUpdate.modelKey(s.modemModel), cohortKeyed(s, kind, t));
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
