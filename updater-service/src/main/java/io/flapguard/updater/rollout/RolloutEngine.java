package io.flapguard.updater.rollout;

import io.flapguard.wire.ResultStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which updates start when; pure logic with an injected clock, no I/O. Commands for the same target form
 * one rollout; each rollout opens waves (canary first, then growing), starts members within the global concurrency
 * limit and the maintenance window, waits for approval when asked to, and pauses itself when too many fail.
 * Callers serialise access (all methods are synchronized).
 */
public final class RolloutEngine {
    private final RolloutPolicy policy;
    private final Clock clock;
    private final WaveSuccessCondition waveSuccess;
    /** Checked in order after every ended update; the first that gives a reason pauses the rollout. */
    private final List<PauseCondition> pauseConditions;
    private final Map<String, Rollout> rolloutsByTarget = new LinkedHashMap<>();
    private final Map<String, Member> members = new LinkedHashMap<>();

    public RolloutEngine(RolloutPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.waveSuccess = new WaveSuccessCondition(policy.waveSuccessShare());
        this.pauseConditions = List.of(new PauseCondition.FailureShare(policy.failurePauseShare(),
                policy.minFinishedForPause()), new PauseCondition.WaveShortfall(waveSuccess));
    }

    private static final class Member {
        final String commandId;
        final String serial;
        final Rollout rollout;
        int wave = -1;
        Instant startedAt;
        /** A recoverable failure's next attempt waits until then; null when it may start at once. */
        Instant notBefore;
        ResultStatus status = ResultStatus.QUEUED;

        Member(String commandId, String serial, Rollout rollout) {
            this.commandId = commandId;
            this.serial = serial;
            this.rollout = rollout;
        }

        boolean running() {
            return status == ResultStatus.IN_PROGRESS;
        }
    }

    private final class Rollout {
        final String id;
        final String target;
        final List<Member> all = new ArrayList<>();
        final List<List<Member>> waves = new ArrayList<>();
        final Set<Integer> approved = new HashSet<>();
        RolloutState state = RolloutState.RUNNING;
        String pausedReason;
        /** Paused by the failure rules, not by a person: resuming needs a reason. */
        boolean pausedOnFailures;

        Rollout(String target) {
            this.target = target;
            this.id = "rollout-" + target;
        }

        long count(ResultStatus... statuses) {
            return all.stream().filter(m -> List.of(statuses).contains(m.status)).count();
        }

        long successes(List<Member> ms) {
            return ms.stream().filter(m -> isSuccess(m.status)).count();
        }

        boolean waveComplete(int index) {
            return waveSuccess.isMet(tally(waves.get(index)));
        }

        boolean waveFinished(int index) {
            return tally(waves.get(index)).allEnded();
        }
    }

    /** Adds a command to its target's rollout; false if the command id is already known (a duplicate). */
    public synchronized boolean add(String commandId, String serial, String target) {
        if (members.containsKey(commandId)) {
            return false;
        }
        Rollout rollout = rolloutsByTarget.computeIfAbsent(target, Rollout::new);
        Member member = new Member(commandId, serial, rollout);
        if (rollout.state == RolloutState.CANCELLED) {
            member.status = ResultStatus.CANCELLED;   // the caller reports it (see acceptsNew); reopen revives it
        }
        rollout.all.add(member);
        members.put(commandId, member);
        return true;
    }

    /** Re-creates a member after a restart, in the wave it had, with the state it reached. */
    public synchronized void restore(String commandId, String serial, String target, int wave, ResultStatus status) {
        add(commandId, serial, target);
        Member member = members.get(commandId);
        Rollout rollout = member.rollout;
        if (wave >= 0) {
            while (rollout.waves.size() <= wave) {
                rollout.waves.add(new ArrayList<>());
            }
            rollout.waves.get(wave).add(member);
            member.wave = wave;
            rollout.approved.add(wave);
        }
        member.status = status;
        if (status == ResultStatus.IN_PROGRESS) {
            member.startedAt = clock.instant();
        }
    }

    /** The rollout and wave of a known command. */
    public synchronized Optional<StartOrder> placement(String commandId) {
        Member m = members.get(commandId);
        return m == null ? Optional.empty()
                : Optional.of(new StartOrder(m.commandId, m.serial, m.rollout.id, m.wave, policy.dryRun()));
    }

    /** Commands that may start now; they are marked running. */
    public synchronized List<StartOrder> due() {
        List<StartOrder> starts = new ArrayList<>();
        Instant now = clock.instant();
        if (policy.window().isPresent() && !policy.window().get().isOpen(now)) {
            return starts;
        }
        long running = members.values().stream().filter(Member::running).count();
        Set<String> busySerials = new HashSet<>();
        members.values().stream().filter(Member::running).forEach(m -> busySerials.add(m.serial));
        for (Rollout rollout : rolloutsByTarget.values()) {
            if (rollout.state == RolloutState.PAUSED || rollout.state == RolloutState.CANCELLED) {
                continue;
            }
            int current = openWaveIfDue(rollout);
            if (current < 0) {
                continue;
            }
            // earlier waves first: a member waiting for its retry stays in the wave it was started in
            for (int w = 0; w <= current; w++) {
                for (Member m : rollout.waves.get(w)) {
                    if (running >= policy.maxConcurrent()) {
                        return starts;
                    }
                    if (m.status == ResultStatus.QUEUED && !busySerials.contains(m.serial)
                            && (m.notBefore == null || !now.isBefore(m.notBefore))) {
                        m.status = ResultStatus.IN_PROGRESS;
                        m.startedAt = now;
                        m.notBefore = null;
                        busySerials.add(m.serial);
                        running++;
                        starts.add(new StartOrder(m.commandId, m.serial, rollout.id, m.wave, policy.dryRun()));
                    }
                }
            }
        }
        return starts;
    }

    /** The wave to start members from, opening the next one if the current is complete; -1 if none may run. */
    private int openWaveIfDue(Rollout rollout) {
        int last = rollout.waves.size() - 1;
        if (last >= 0 && !rollout.waveComplete(last)) {
            rollout.state = RolloutState.RUNNING;
            return last;
        }
        List<Member> pending = rollout.all.stream().filter(m -> m.wave < 0 && m.status == ResultStatus.QUEUED).toList();
        if (pending.isEmpty()) {
            boolean allDone = rollout.all.stream().allMatch(m -> m.status.isTerminal());
            rollout.state = allDone ? RolloutState.COMPLETED : RolloutState.RUNNING;
            return last;
        }
        int next = last + 1;
        if (policy.approvalRequired() && !rollout.approved.contains(next)) {
            rollout.state = RolloutState.WAITING_FOR_APPROVAL;
            return last;
        }
        List<Member> wave = new ArrayList<>(pending.subList(0, Math.min(policy.waveSize(next), pending.size())));
        wave.forEach(m -> m.wave = next);
        rollout.waves.add(wave);
        rollout.state = RolloutState.RUNNING;
        return next;
    }

    /** Records how an update ended. Returns false when it had already ended (for example by its deadline). */
    public synchronized boolean finished(String commandId, ResultStatus status) {
        Member m = members.get(commandId);
        if (m == null || m.status.isTerminal()) {
            return false;
        }
        m.status = status;
        evaluate(m.rollout);
        return true;
    }

    /**
     * Puts a started member back in the queue of its wave, to start again not before {@code notBefore} (a recoverable
     * failure's retry, or a start whose state could not be saved). It does not count as finished or failed.
     */
    public synchronized boolean requeue(String commandId, Instant notBefore) {
        Member m = members.get(commandId);
        if (m == null || m.status.isTerminal()) {
            return false;
        }
        m.status = ResultStatus.QUEUED;
        m.startedAt = null;
        m.notBefore = notBefore;
        return true;
    }

    /** Updates running past the deadline: marked TIMED_OUT and returned, so the caller reports them. */
    public synchronized List<StartOrder> expire() {
        Instant limit = clock.instant().minus(policy.updateDeadline());
        List<StartOrder> expired = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.running() && m.startedAt.isBefore(limit)) {
                m.status = ResultStatus.TIMED_OUT;
                expired.add(new StartOrder(m.commandId, m.serial, m.rollout.id, m.wave, policy.dryRun()));
                evaluate(m.rollout);
            }
        }
        return expired;
    }

    private void evaluate(Rollout rollout) {
        if (rollout.state == RolloutState.CANCELLED) {
            return;
        }
        int last = rollout.waves.size() - 1;
        Tally all = tally(rollout.all);
        Tally wave = last >= 0 ? tally(rollout.waves.get(last)) : new Tally(0, 0, 0, 0, 0);
        for (PauseCondition condition : pauseConditions) {
            Optional<String> reason = condition.pauseReason(all, last, wave);
            if (reason.isPresent()) {
                rollout.state = RolloutState.PAUSED;
                rollout.pausedReason = reason.get();
                rollout.pausedOnFailures = true;
                return;
            }
        }
    }

    private static Tally tally(List<Member> ms) {
        int succeeded = 0;
        int failed = 0;
        int finished = 0;
        int ended = 0;
        for (Member m : ms) {
            succeeded += isSuccess(m.status) ? 1 : 0;
            failed += isFailure(m.status) ? 1 : 0;
            finished += m.status.isTerminal() && m.status != ResultStatus.CANCELLED ? 1 : 0;
            ended += m.status.isTerminal() ? 1 : 0;
        }
        return new Tally(ms.size(), succeeded, failed, finished, ended);
    }

    /** Approves the next wave of a rollout waiting for approval. */
    public synchronized boolean approve(String rolloutId) {
        Rollout r = byId(rolloutId);
        if (r == null) {
            return false;
        }
        r.approved.add(r.waves.size());
        if (r.state == RolloutState.WAITING_FOR_APPROVAL) {
            r.state = RolloutState.RUNNING;
        }
        return true;
    }

    public synchronized boolean pause(String rolloutId, String reason) {
        Rollout r = byId(rolloutId);
        if (r == null || r.state == RolloutState.CANCELLED) {
            return false;
        }
        r.state = RolloutState.PAUSED;
        r.pausedReason = reason;
        r.pausedOnFailures = false;
        return true;
    }

    /** True when the rollout is paused because the failure rules stopped it (not a person). */
    public synchronized boolean pausedOnFailures(String rolloutId) {
        Rollout r = byId(rolloutId);
        return r != null && r.state == RolloutState.PAUSED && r.pausedOnFailures;
    }

    /** Resumes a paused rollout; a wave that ended below its threshold stays closed and the next one opens. */
    public synchronized boolean resume(String rolloutId) {
        Rollout r = byId(rolloutId);
        if (r == null || r.state != RolloutState.PAUSED) {
            return false;
        }
        r.state = RolloutState.RUNNING;
        r.pausedReason = null;
        r.pausedOnFailures = false;
        int last = r.waves.size() - 1;
        if (last >= 0 && r.waveFinished(last) && !r.waveComplete(last)) {
            // a person looked at the failures and decided to go on: count the wave as done
            r.approved.add(last + 1);
            r.waves.add(new ArrayList<>());
        }
        return true;
    }

    /** Cancels a rollout; returns the queued commands that will now never run (running ones finish). */
    public synchronized List<StartOrder> cancel(String rolloutId) {
        Rollout r = byId(rolloutId);
        List<StartOrder> cancelled = new ArrayList<>();
        if (r == null) {
            return cancelled;
        }
        r.state = RolloutState.CANCELLED;
        for (Member m : r.all) {
            if (m.status == ResultStatus.QUEUED) {
                m.status = ResultStatus.CANCELLED;
                cancelled.add(new StartOrder(m.commandId, m.serial, r.id, m.wave, policy.dryRun()));
            }
        }
        return cancelled;
    }

    /** False when new commands for this target would join a cancelled rollout (they end CANCELLED at once). */
    public synchronized boolean acceptsNew(String target) {
        Rollout r = rolloutsByTarget.get(target);
        return r == null || r.state != RolloutState.CANCELLED;
    }

    /**
     * Reopens a cancelled rollout: it runs again, and the commands it cancelled before they started (and those that
     * arrived while it was cancelled) are queued again in their waves. Empty when the rollout is unknown or not
     * cancelled; otherwise the revived commands, which the caller reports as QUEUED.
     */
    public synchronized Optional<List<StartOrder>> reopen(String rolloutId) {
        Rollout r = byId(rolloutId);
        if (r == null || r.state != RolloutState.CANCELLED) {
            return Optional.empty();
        }
        r.state = RolloutState.RUNNING;
        r.pausedReason = null;
        r.pausedOnFailures = false;
        List<StartOrder> revived = new ArrayList<>();
        for (Member m : r.all) {
            if (m.status == ResultStatus.CANCELLED) {
                m.status = ResultStatus.QUEUED;
                m.notBefore = null;
                revived.add(new StartOrder(m.commandId, m.serial, r.id, m.wave, policy.dryRun()));
            }
        }
        return Optional.of(revived);
    }

    /** The durable part of a rollout's state, for {@link #restoreRollout} after a restart. */
    public synchronized Optional<RolloutRecord> snapshot(String rolloutId) {
        Rollout r = byId(rolloutId);
        return r == null ? Optional.empty() : Optional.of(new RolloutRecord(r.id, r.target, r.state, r.pausedReason,
                Set.copyOf(r.approved), r.waves.size(), r.pausedOnFailures));
    }

    /** Re-applies a saved rollout state; call after its members were restored. */
    public synchronized void restoreRollout(RolloutRecord saved) {
        Rollout r = rolloutsByTarget.computeIfAbsent(saved.targetFirmware(), Rollout::new);
        r.state = saved.state();
        r.pausedReason = saved.pausedReason();
        r.pausedOnFailures = saved.pausedOnFailures();
        r.approved.addAll(saved.approvedWaves());
        while (r.waves.size() < saved.waveCount()) {
            r.waves.add(new ArrayList<>());
        }
    }

    public synchronized List<RolloutView> rollouts() {
        List<RolloutView> views = new ArrayList<>();
        for (Rollout r : rolloutsByTarget.values()) {
            List<RolloutView.WaveView> waves = new ArrayList<>();
            for (int i = 0; i < r.waves.size(); i++) {
                List<Member> w = r.waves.get(i);
                if (w.isEmpty()) {
                    continue;
                }
                waves.add(new RolloutView.WaveView(i, policy.waveSize(i), w.size(),
                        (int) w.stream().filter(Member::running).count(), (int) r.successes(w),
                        (int) w.stream().filter(m -> isFailure(m.status)).count(), r.waveComplete(i),
                        !policy.approvalRequired() || r.approved.contains(i)));
            }
            views.add(new RolloutView(r.id, r.target, r.state, r.pausedReason, r.pausedOnFailures, policy.dryRun(),
                    (int) r.count(ResultStatus.QUEUED), (int) r.count(ResultStatus.IN_PROGRESS),
                    (int) r.all.stream().filter(m -> isSuccess(m.status)).count(),
                    (int) r.all.stream().filter(m -> isFailure(m.status)).count(),
                    (int) r.count(ResultStatus.CANCELLED), waves));
        }
        return views;
    }

    /** One member of a rollout as the engine sees it; wave -1 until it is placed in one. */
    public record MemberPlace(String commandId, String serial, int wave, ResultStatus status) {
    }

    /** The members of a rollout in the order they joined; empty for an unknown rollout. */
    public synchronized List<MemberPlace> members(String rolloutId) {
        Rollout r = byId(rolloutId);
        return r == null ? List.of() : r.all.stream()
                .map(m -> new MemberPlace(m.commandId, m.serial, m.wave, m.status)).toList();
    }

    public synchronized int running() {
        return (int) members.values().stream().filter(Member::running).count();
    }

    private Rollout byId(String id) {
        return rolloutsByTarget.values().stream().filter(r -> r.id.equals(id)).findFirst().orElse(null);
    }

    static boolean isSuccess(ResultStatus s) {
        return s.isOnTarget() || s == ResultStatus.DRY_RUN_PASSED;
    }

    static boolean isFailure(ResultStatus s) {
        return s == ResultStatus.FAILED || s == ResultStatus.TIMED_OUT || s == ResultStatus.REFUSED_HOST_KEY
                || s == ResultStatus.REFUSED_VALIDATION;
    }
}
