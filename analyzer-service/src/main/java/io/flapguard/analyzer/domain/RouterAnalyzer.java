package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;
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

/**
 * The per-router decisions, free of Kafka: feed it one router's telemetry and remediation results in any order and
 * it keeps that router's {@link RouterState} and says what to publish. Time is the router's event time
 * ({@link RouterState#maxTime}), never the wall clock: facts (firmware, operator, data state) are applied by the
 * time they describe, so a status delivered late cannot undo a newer firmware change.
 */
public final class RouterAnalyzer {
    private static final double DAY_MS = 86_400_000d;
    /** Observed days are re-reported to the fleet as they grow by this much. */
    private static final double REPORT_EVERY_DAYS = 0.25;
    /** Status of the FlapGuard agent, which also sends the router's kernel log. */
    private static final String AGENT_FORMAT = "agent-json";
    /** Teltonika's Data to Server record, which carries the modem's readings when the modem can be read. */
    private static final String DATA_TO_SERVER_FORMAT = "data-to-server";

    private final FlapPenalty penalty;
    private final IncidentClassifier incidentClassifier;
    private final CauseClassifier classifier;
    private final RemediationCatalog catalog;
    private final long gapMs;
    private final long graceMs;
    private final long settleMs;
    private final long signalWindowMs;
    private final long verifyPeriodMs;
    private final long silentAfterMs;
    private final double minConfidence;
    private final long evictAfterMs;
    private final int minSignature;
    private final long repeatWindowMs;

    public RouterAnalyzer(AnalyzerConfig config) {
        this.penalty = FlapPenalty.of(config.penalty());
        this.incidentClassifier = new IncidentClassifier(config.cause());
        this.classifier = new CauseClassifier(config.cause(), incidentClassifier);
        this.catalog = new RemediationCatalog(config.catalog());
        this.gapMs = config.incident().gap().toMillis();
        this.graceMs = config.incident().grace().toMillis();
        this.settleMs = config.cause().settle().toMillis();
        this.signalWindowMs = config.cause().signalWindow().toMillis();
        this.verifyPeriodMs = config.verification().period().toMillis();
        this.silentAfterMs = config.verification().silentAfter().toMillis();
        this.minConfidence = config.remediation().minConfidence();
        this.evictAfterMs = config.limits().evictAfter().toMillis();
        this.minSignature = config.cause().minSignatureIncidents();
        this.repeatWindowMs = config.attribution().repeatWindow().toMillis();
    }

    public RemediationCatalog catalog() {
        return catalog;
    }

    /** @param wallNow wall-clock time now (the record's arrival), in ms */
    public Decision onTelemetry(RouterState s, TelemetryMessage m, Facts facts, long wallNow) {
        Decision d = new Decision();
        s.lastSeenWall = Math.max(s.lastSeenWall, wallNow);
        long t = m.time().toEpochMilli();
        if (s.maxTime != 0 && t < s.maxTime - graceMs) {
            d.late = true;
            return d;
        }
        s.firstSeen = s.firstSeen == 0 ? t : Math.min(s.firstSeen, t);
        s.maxTime = Math.max(s.maxTime, t);
        if (m instanceof RouterEvent e) {
            onEvent(s, e, t, d);
        } else if (m instanceof StatusSnapshot st) {
            onStatus(s, st, t, d);
        }
        settle(s, m.serial(), facts, d, false);
        reportDays(s, m.serial(), d);
        evaluate(s, m.serial(), facts, d);
        return d;
    }

    /** @param wallNow wall-clock time now (the result's arrival), in ms */
    public Decision onResult(RouterState s, RemediationResult r, Facts facts, long wallNow) {
        Decision d = new Decision();
        String target = r.targetFirmware() != null ? r.targetFirmware() : s.commands.openTarget;
        boolean ours = r.commandId().equals(s.commands.openId)
                || (target != null && r.commandId().equals(RemediationCommand.idFor(r.serial(), target)));
        if (!ours || !r.status().isTerminal()) {
            return d;
        }
        s.commands.closed(r.commandId());
        Verification v = s.verification;
        boolean alreadyWatched = target != null && target.equals(v.target) && v.outcome != VerificationOutcome.NONE;
        if (r.status().isOnTarget() && target != null && !alreadyWatched) {
            // The watch runs on the router's own event time: the updater's clock (r.at) may differ from the
            // router's, and a router clock behind it would otherwise never reach the end of the period.
            v.begin(target, s.maxTime != 0 ? s.maxTime : r.at().toEpochMilli(), wallNow);
        }
        if (s.maxTime != 0) {
            evaluate(s, r.serial(), facts, d);
        }
        return d;
    }

    /** Re-evaluates a router against the current fleet facts, without new telemetry (periodic sweep). */
    public Decision reevaluate(RouterState s, String serial, Facts facts, long wallNow) {
        Decision d = new Decision();
        Verification v = s.verification;
        if (s.lastSeenWall > 0 && wallNow - s.lastSeenWall >= evictAfterMs && s.commands.openId == null
                && !v.watching()) {
            // Silent for long: forget it. Its last cohort summary keeps counting; its history stays on Kafka.
            d.evict = true;
            if (s.operator != null) {
                d.fleet(FleetUpdate.operatorKey(s.operator), FleetUpdate.operator(FleetUpdate.Kind.LEAVE,
                        s.operator, s.maxTime));
            }
            return d;
        }
        if (v.watching() && v.arrivedWall > 0 && wallNow - v.arrivedWall >= silentAfterMs) {
            // Event time alone would wait forever for a router that stopped reporting: say so instead.
            v.decide(VerificationOutcome.SILENT, s.maxTime);
            d.verdict = VerificationOutcome.SILENT;
        }
        if (s.maxTime != 0 && s.incidents.size() > 0) {
            settle(s, serial, facts, d, true);
        }
        if (s.maxTime != 0 && (s.flapping || s.publishedFlapping || v.watching() || v.outcome != s.publishedVerify
                || d.stateChanged)) {
            evaluate(s, serial, facts, d);
        }
        return d;
    }

    private void onEvent(RouterState s, RouterEvent e, long t, Decision d) {
        EventKind kind = e.kind();
        // Log lines come from the agent, which sends the kernel log with them: a healthy router's kernel log may
        // stay silent for days, but the modem leaving the bus would show in it.
        s.kernelLog = true;
        switch (kind) {
            case MODEM_USB_DISCONNECT, WWAN_UNREGISTERED -> evidence(s, e.id(), t, true, d);
            case MOBILE_DATA_DISCONNECTED -> {
                s.eventsLog = true;
                evidence(s, e.id(), t, false, d);
            }
            case MOBILE_DATA_CONNECTED -> {
                s.eventsLog = true;
                s.modem.working(t);
            }
            case WWAN_REGISTERED -> s.modem.working(t);
            case ROUTER_REBOOT -> s.reboots.add(t);
            case MODEM_DOWNLOAD_MODE -> s.modem.downloadMode(t);
            case MODEM_UNRESPONSIVE -> s.modem.writeFailed(t);
            case MODEM_FIRMWARE_UPDATED -> {
                if (FirmwareVersion.isValid(e.toFirmware())) {
                    Membership m = s.membership;
                    changeCohort(s, e.serial(), m.routerModel, m.routerFirmware, m.modemModel, e.toFirmware(), t, d);
                    s.modem.working(t);
                }
            }
            default -> {
            }
        }
    }

    private void onStatus(RouterState s, StatusSnapshot st, long t, Decision d) {
        if (AGENT_FORMAT.equals(st.format())) {
            s.kernelLog = true;
        }
        Membership m = s.membership;
        boolean carriesCohort = st.routerModel() != null || st.routerFirmware() != null || st.modemModel() != null
                || st.modemFirmware() != null;
        if (carriesCohort && t >= m.factsAt) {
            changeCohort(s, st.serial(),
                    or(ReportedValues.check(ReportedValues.Field.ROUTER_MODEL, st.routerModel(), d), m.routerModel),
                    or(ReportedValues.check(ReportedValues.Field.ROUTER_FIRMWARE, st.routerFirmware(), d),
                            m.routerFirmware),
                    or(ReportedValues.check(ReportedValues.Field.MODEM_MODEL, st.modemModel(), d), m.modemModel),
                    or(ReportedValues.check(ReportedValues.Field.MODEM_FIRMWARE, st.modemFirmware(), d),
                            m.modemFirmware), t, d);
        }
        String operator = ReportedValues.check(ReportedValues.Field.OPERATOR, st.operator(), d);
        if (operator != null && t >= s.operatorAt) {
            s.operatorAt = t;
            if (!operator.equals(s.operator)) {
                if (s.operator != null) {
                    d.fleet(FleetUpdate.operatorKey(s.operator), FleetUpdate.operator(FleetUpdate.Kind.LEAVE,
                            s.operator, t));
                }
                s.operator = operator;
                d.fleet(FleetUpdate.operatorKey(s.operator), FleetUpdate.operator(FleetUpdate.Kind.JOIN, s.operator, t));
            }
        }
        boolean dataToServer = DATA_TO_SERVER_FORMAT.equals(st.format());
        boolean modemRead = st.modemFirmware() != null || st.modemModel() != null || st.rsrp() != null
                || st.sinr() != null;
        if (st.dataState() != null && t > s.dataStateAt) {
            // Native publishers (Data to Server connstate, MQTT Publisher connection) are the only disconnect
            // evidence of a router without the agent; with an events log, that log already says it. A Data to
            // Server record that says the bearer is down and could not read the modem (no revision, model or
            // signal, where its records carry them) shows what the kernel log would: the modem was off the bus
            // or not answering — not a weak cell (which still reads) nor an operator outage.
            if (st.dataState() == DataState.DISCONNECTED && s.dataState == DataState.CONNECTED && !s.eventsLog) {
                evidence(s, st.id(), t, dataToServer && s.modemReadings && !modemRead, d);
            } else if (st.dataState() == DataState.CONNECTED) {
                s.modem.working(t);
            }
            s.dataState = st.dataState();
            s.dataStateAt = t;
        }
        s.modemReadings |= dataToServer && modemRead;
        s.signal.add(t, st.rsrp(), st.sinr(), st.rsrq());
        s.incidents.addSignal(t, st.rsrp(), st.sinr(), signalWindowMs);
        if (st.uptimeSeconds() != null) {
            s.reboots.uptime(t, st.uptimeSeconds());
        }
    }

    /** Disconnect evidence: grouped into incidents; a new incident counts towards the penalties. */
    private void evidence(RouterState s, String id, long t, boolean usb, Decision d) {
        if (!s.recentIds.remember(id)) {
            d.duplicate = true;
            return;
        }
        int added = s.incidents.add(t, usb, gapMs);
        if (added == -1) {
            return;
        }
        if (added >= 0) {
            s.signal.seed(s.incidents, added, t, t, signalWindowMs);
        }
        double[] p = penalty.add(s.penalty, s.penaltyAt, t);
        s.penalty = p[0];
        s.penaltyAt = (long) p[1];
        Verification v = s.verification;
        if (v.watching() && t >= v.start) {
            double[] vp = penalty.add(v.penalty, v.penaltyAt, t);
            v.penalty = vp[0];
            v.penaltyAt = (long) vp[1];
        }
        d.newIncidents++;
        if (s.operator != null) {
            d.fleet(FleetUpdate.operatorKey(s.operator), FleetUpdate.operator(FleetUpdate.Kind.INCIDENT, s.operator, t));
        }
    }

    /**
     * Classifies incidents whose minutes are over; unexplained ones count in the cohort and the change point. With
     * {@code recheck} (or when the operator's fact is read anyway), settled incidents are checked again against the
     * operator's fact as it stands: other routers' incidents reach that fact later than this router's own evidence
     * — after a regional outage every router flushes its buffer at once — so a burst may show only after this router
     * settled an incident in it, or a burst may lose its share as routers join. Counts follow the fact until the
     * operator's aggregate no longer keeps the minute, so they end the same whatever order the fleet's records
     * were processed in.
     */
    private void settle(RouterState s, String serial, Facts facts, Decision d, boolean recheck) {
        Incidents in = s.incidents;
        FleetFact.OperatorFact operator = null;
        boolean operatorRead = false;
        boolean changed = false;
        for (int i = 0; i < in.size(); i++) {
            if (in.ownClass(i) != IncidentClass.PENDING || in.end(i) + settleMs > s.maxTime) {
                continue;
            }
            if (!operatorRead) { // a global-store read decodes the fact: only when an incident is due
                operator = facts.operator(s.operator);
                operatorRead = true;
            }
            IncidentClass own = incidentClassifier.ownClass(s, i);
            in.classify(i, own);
            in.burst(i, incidentClassifier.inBurst(operator, in.start(i)));
            if (in.classOf(i).unexplained()) {
                changed |= count(s, i, 1);
            }
        }
        if (recheck && !operatorRead && s.operator != null) {
            operator = facts.operator(s.operator);
            operatorRead = true;
        }
        if (operatorRead) {
            changed |= recheckBursts(s, operator, d);
        }
        if (changed) {
            report(s, serial, d);
        }
    }

    /** Follows the operator's fact for settled incidents; true when the cohort's figures changed. */
    private boolean recheckBursts(RouterState s, FleetFact.OperatorFact operator, Decision d) {
        Incidents in = s.incidents;
        boolean changed = false;
        boolean flipped = false;
        for (int i = 0; i < in.size(); i++) {
            IncidentClass own = in.ownClass(i);
            boolean followsFact = own == IncidentClass.MODEM || own == IncidentClass.DATA || own == IncidentClass.RADIO;
            if (!followsFact || !incidentClassifier.decides(operator, in.start(i))) {
                continue;
            }
            boolean burst = incidentClassifier.inBurst(operator, in.start(i));
            if (burst == in.inBurst(i)) {
                continue;
            }
            in.burst(i, burst);
            d.stateChanged = true;
            flipped = true;
            if (own.unexplained()) {
                changed |= count(s, i, burst ? -1 : 1);
            }
        }
        if (flipped && changed) {
            recountFlapper(s);
        }
        return changed;
    }

    /**
     * Counts settled incident i in ({@code sign} 1) or out of (-1) the router's unexplained figures. True when its
     * cohort's figures changed.
     */
    private boolean count(RouterState s, int i, int sign) {
        Incidents in = s.incidents;
        Membership m = s.membership;
        long start = in.start(i);
        if (s.changePoint > 0 && start < s.changePoint) {
            s.unexplainedBefore = Math.max(0, s.unexplainedBefore + sign);
        } else {
            s.unexplainedSince = Math.max(0, s.unexplainedSince + sign);
        }
        if (!m.known() || start < m.since) {
            return false;
        }
        m.unexplained = Math.max(0, m.unexplained + sign);
        if (in.ownClass(i) == IncidentClass.MODEM) {
            m.modemSide = Math.max(0, m.modemSide + sign);
            m.flapper |= sign > 0 && s.kernelLog && CohortFlapping.repeatedModemSide(in, i, m.since, repeatWindowMs);
        }
        double[] p = sign > 0 ? penalty.add(m.penalty, m.penaltyAt, start) : penalty.remove(m.penalty, m.penaltyAt, start);
        m.penalty = p[0];
        m.penaltyAt = (long) p[1];
        // A flapper flaps on unexplained incidents and shows the firmware signature: isolated data drops on a
        // router whose modem never left the bus do not make one.
        m.flapper |= sign > 0 && m.penalty >= penalty.start() && (!s.kernelLog || m.modemSide >= minSignature);
        return true;
    }

    /**
     * After an incident left or joined the unexplained ones by a later burst, whether the router is a flapper is
     * decided again from its incidents in the cohort, in order — when it still remembers all of them (else it
     * stays what it was: a flapper once stays one).
     */
    private void recountFlapper(RouterState s) {
        Incidents in = s.incidents;
        Membership m = s.membership;
        if (!m.known() || !in.allSince(m.since)) {
            return;
        }
        double p = 0;
        long at = m.since;
        int modemSide = 0;
        boolean flapper = false;
        for (int i = 0; i < in.size(); i++) {
            IncidentClass c = in.classOf(i);
            if (in.start(i) < m.since || !c.unexplained()) {
                continue;
            }
            modemSide += c == IncidentClass.MODEM ? 1 : 0;
            flapper |= c == IncidentClass.MODEM && s.kernelLog
                    && CohortFlapping.repeatedModemSide(in, i, m.since, repeatWindowMs);
            double[] next = penalty.add(p, at, in.start(i));
            p = next[0];
            at = (long) next[1];
            flapper |= p >= penalty.start() && (!s.kernelLog || modemSide >= minSignature);
        }
        m.flapper = flapper;
    }

    private void reportDays(RouterState s, String serial, Decision d) {
        Membership m = s.membership;
        if (m.known() && reportableDays(s) > m.reportedDays) {
            report(s, serial, d);
        }
    }

    private void report(RouterState s, String serial, Decision d) {
        Membership m = s.membership;
        m.reportedDays = reportableDays(s);
        d.fleet(FleetUpdate.modelKey(m.modemModel), FleetUpdate.member(serial, m, m.reportedDays));
    }

    /**
     * Observed days in whole steps of {@link #REPORT_EVERY_DAYS}: a summary sent at any moment (a settled incident,
     * a burst seen later) carries the same days as the regular report, so the cohort's router-days do not depend on
     * when other routers' facts arrived.
     */
    private static double reportableDays(RouterState s) {
        double days = Math.max(0, s.maxTime - s.membership.since) / DAY_MS;
        return Math.floor(days / REPORT_EVERY_DAYS) * REPORT_EVERY_DAYS;
    }

    private void changeCohort(RouterState s, String serial, String routerModel, String routerFw, String modemModel,
            String modemFw, long t, Decision d) {
        Membership m = s.membership;
        m.factsAt = Math.max(m.factsAt, t);
        if (m.same(routerModel, routerFw, modemModel, modemFw)) {
            return;
        }
        boolean firmwareChanged = (m.routerFirmware != null && !m.routerFirmware.equals(routerFw))
                || (m.modemFirmware != null && !m.modemFirmware.equals(modemFw));
        if (m.known()) {
            // The final summary of the old cohort covers the router's time there, up to the change.
            d.fleet(FleetUpdate.modelKey(m.modemModel),
                    FleetUpdate.member(serial, m, Math.max(0, t - m.since) / DAY_MS));
        }
        if (firmwareChanged) {
            s.changePoint = t;
            s.unexplainedBefore = s.unexplainedSince;
            s.unexplainedSince = 0;
        }
        m.join(routerModel, routerFw, modemModel, modemFw, t);
        if (m.known()) {
            report(s, serial, d);
        }
    }

    private void evaluate(RouterState s, String serial, Facts facts, Decision d) {
        long now = s.maxTime;
        double penaltyNow = penalty.decay(s.penalty, s.penaltyAt, now);
        s.flapping = penalty.nextFlapping(s.flapping, penaltyNow);
        Membership m = s.membership;
        CauseClassifier.Classification c = classifier.classify(s, now, penaltyNow,
                m.known() ? facts.cohortFor(m.cohort()) : null, facts.operator(s.operator));
        s.cause = c.cause();
        s.confidence = c.confidence();
        verify(s, now, d);
        String note = c.evidence().note();
        if (s.cause == Cause.FIRMWARE) {
            RemediationCatalog.Target target = target(s, facts);
            command(s, target, serial, d);
            note = note + targetNote(s, facts, target);
        }
        Verification v = s.verification;
        if (v.outcome != VerificationOutcome.NONE) {
            note = note + "; update to " + v.target + ": " + v.outcome.name().toLowerCase();
        }
        if (c.flapping() != s.publishedFlapping || s.cause != s.publishedCause || v.outcome != s.publishedVerify) {
            s.publishedFlapping = c.flapping();
            s.publishedCause = s.cause;
            s.publishedVerify = v.outcome;
            d.diagnoses.add(diagnosis(s, serial, c, note));
        }
    }

    /** The diagnosis as it stands (also what the REST API shows). */
    public Diagnosis diagnosis(RouterState s, String serial, Facts facts) {
        double penaltyNow = penalty.decay(s.penalty, s.penaltyAt, s.maxTime);
        Membership m = s.membership;
        CauseClassifier.Classification c = classifier.classify(s, s.maxTime, penaltyNow,
                m.known() ? facts.cohortFor(m.cohort()) : null, facts.operator(s.operator));
        String note = c.evidence().note() + (c.cause() == Cause.FIRMWARE ? targetNote(s, facts, target(s, facts)) : "");
        return diagnosis(s, serial, c, note);
    }

    private static Diagnosis diagnosis(RouterState s, String serial, CauseClassifier.Classification c, String note) {
        var e = c.evidence();
        var evidence = new io.flapguard.wire.Evidence(e.incidents(), e.windowStart(), e.windowEnd(), e.penalty(),
                e.signalSamples(), e.rsrpAvg(), e.sinrAvg(), e.rsrqAvg(), e.cohortRateRatio(), e.cohortRatioLow(),
                e.cohortRatioHigh(), e.cohortRouters(), e.rateBefore(), e.rateAfter(), e.changePoint(), e.operator(),
                e.operatorRoutersHit(), note, e.decidedBy(), e.modemSideIncidents(), e.dataIncidents(),
                e.radioIncidents(), e.operatorIncidents(), e.powerIncidents(), e.kernelLog(), e.cohortImplicated(),
                e.cohortFlappers(), e.cohortObserved(), e.baselineFlappers(), e.baselineObserved(), e.cohortPValue());
        return new Diagnosis(WireMessage.SCHEMA_VERSION, serial, c.flapping() ? FlapState.FLAPPING : FlapState.STABLE,
                c.cause(), c.confidence(), s.membership.cohort(), evidence, Instant.ofEpochMilli(s.maxTime));
    }

    private void verify(RouterState s, long now, Decision d) {
        Verification v = s.verification;
        if (!v.watching() || now < v.start) {
            return;
        }
        if (penalty.decay(v.penalty, v.penaltyAt, now) >= penalty.start()) {
            v.decide(VerificationOutcome.FAILED_TO_FIX, now);
        } else if (now >= v.start + verifyPeriodMs) {
            v.decide(VerificationOutcome.VERIFIED, now);
        } else {
            return;
        }
        d.verdict = v.outcome;
        FleetUpdate.Kind kind = v.outcome == VerificationOutcome.VERIFIED ? FleetUpdate.Kind.VERIFIED
                : FleetUpdate.Kind.FAILED_TO_FIX;
        if (s.membership.modemModel != null) {
            d.fleet(FleetUpdate.modelKey(s.membership.modemModel), FleetUpdate.outcome(kind, s.membership, v.target, now));
        }
    }

    /** The catalog target for the router's firmware (configured, promoted, or learned when enabled), or null. */
    private RemediationCatalog.Target target(RouterState s, Facts facts) {
        Membership m = s.membership;
        if (m.modemModel == null || m.modemFirmware == null) {
            return null;
        }
        return catalog.targetFor(m.modemModel, m.modemFirmware, facts.model(m.modemModel),
                facts.promotion(m.modemModel, m.modemFirmware));
    }

    /** What the diagnosis says about a fix: the target and where it comes from, or the learned suggestion. */
    private String targetNote(RouterState s, Facts facts, RemediationCatalog.Target target) {
        Membership m = s.membership;
        if (m.modemModel == null || m.modemFirmware == null) {
            return "";
        }
        if (s.modem.flashedSince(m.factsAt)) {
            return "; modem went through download mode at " + Instant.ofEpochMilli(s.modem.downloadModeAt())
                    + " and has not reported its firmware since: no command until it does";
        }
        if (target == null) {
            String learned = catalog.learned(facts.model(m.modemModel), m.modemFirmware);
            return learned == null ? "; no known target firmware"
                    : "; suggested (learned, not in the catalog): " + learned + " — an approver can promote it";
        }
        if (target.firmware().equals(m.modemFirmware)) {
            return "; already on target " + target.firmware();
        }
        return "; target " + target.firmware() + " (" + target.source() + ")";
    }

    /**
     * Emits a command when the rules allow one: once per router and target, never while one is open, and never while
     * the modem's firmware is unknown — it went through download mode (a flash, by whoever) after the newest firmware
     * fact: a command on the firmware of before could flash a modem someone has just fixed.
     */
    private void command(RouterState s, RemediationCatalog.Target target, String serial, Decision d) {
        Membership m = s.membership;
        if (target == null || target.firmware().equals(m.modemFirmware) || s.confidence < minConfidence
                || !s.commands.mayIssue(target.firmware()) || s.modem.flashedSince(m.factsAt)) {
            return;
        }
        String id = RemediationCommand.idFor(serial, target.firmware());
        String reason = "flapping, cause firmware (" + m.modemFirmware + " on " + m.routerModel + " "
                + m.routerFirmware + "); " + target.source() + " target " + target.firmware();
        d.commands.add(new RemediationCommand(WireMessage.SCHEMA_VERSION, id, serial,
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, m.modemModel, m.modemFirmware, target.firmware(),
                m.cohort(), reason, s.confidence, Instant.ofEpochMilli(s.maxTime)));
        s.commands.issued(id, target.firmware(), s.maxTime);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
