package io.flapguard.updater.rollout;

import io.flapguard.wire.ResultStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * All commands for one target firmware: its waves (canary first, then growing), the operators' decisions (approved
 * waves, pause, cancel) and its state, moved on by its {@link RolloutConditions}. Not thread-safe: the
 * {@link RolloutEngine} serialises access.
 */
final class Rollout {
    private final String id;
    private final String target;
    private final RolloutPolicy policy;
    private final RolloutConditions conditions;
    private final List<RolloutMember> all = new ArrayList<>();
    private final List<Wave> waves = new ArrayList<>();
    private final Set<Integer> approved = new HashSet<>();
    private RolloutState state = RolloutState.RUNNING;
    private String pausedReason;
    /** Paused by the failure rules, not by a person: resuming needs a reason. */
    private boolean pausedOnFailures;

    Rollout(String target, RolloutPolicy policy, RolloutConditions conditions) {
        this.target = target;
        this.id = idFor(target);
        this.policy = policy;
        this.conditions = conditions;
    }

    /** The one rollout of a target firmware. */
    static String idFor(String targetFirmware) {
        return "rollout-" + targetFirmware;
    }

    String id() {
        return id;
    }

    RolloutState state() {
        return state;
    }

    boolean pausedOnFailures() {
        return state == RolloutState.PAUSED && pausedOnFailures;
    }

    /** Starts nothing while paused or cancelled. */
    boolean halted() {
        return state == RolloutState.PAUSED || state == RolloutState.CANCELLED;
    }

    List<RolloutMember> members() {
        return all;
    }

    /** The members of waves 0 to {@code last}, earlier waves first. */
    List<RolloutMember> membersUpTo(int last) {
        List<RolloutMember> ms = new ArrayList<>();
        for (int w = 0; w <= last; w++) {
            ms.addAll(waves.get(w).members());
        }
        return ms;
    }

    /** A new member; while the rollout is cancelled it is CANCELLED at once (reopen revives it). */
    RolloutMember join(String commandId, String serial) {
        RolloutMember member = new RolloutMember(commandId, serial, this);
        if (state == RolloutState.CANCELLED) {
            member.status = ResultStatus.CANCELLED;
        }
        all.add(member);
        return member;
    }

    /** Puts a restored member back into the wave it had (that wave counts as approved). */
    void place(RolloutMember member, int wave) {
        padWaves(wave + 1);
        waves.get(wave).add(member);
        approved.add(wave);
    }

    /** The wave to start members from, opening the next one if the current is complete; -1 if none may run. */
    int openWaveIfDue() {
        int last = waves.size() - 1;
        if (last >= 0 && !waves.get(last).isComplete(conditions.waveSuccess())) {
            state = RolloutState.RUNNING;
            return last;
        }
        List<RolloutMember> pending = all.stream().filter(m -> m.wave < 0 && m.status == ResultStatus.QUEUED).toList();
        if (pending.isEmpty()) {
            boolean allDone = all.stream().allMatch(m -> m.status.isTerminal());
            state = allDone ? RolloutState.COMPLETED : RolloutState.RUNNING;
            return last;
        }
        int next = last + 1;
        if (policy.approvalRequired() && !approved.contains(next)) {
            state = RolloutState.WAITING_FOR_APPROVAL;
            return last;
        }
        Wave wave = new Wave(next);
        pending.subList(0, Math.min(policy.waveSize(next), pending.size())).forEach(wave::add);
        waves.add(wave);
        state = RolloutState.RUNNING;
        return next;
    }

    /** After an update ended: the first pause condition that holds pauses the rollout. */
    void evaluate() {
        if (state == RolloutState.CANCELLED) {
            return;
        }
        int last = waves.size() - 1;
        Tally wave = last >= 0 ? waves.get(last).tally() : Wave.tally(List.of());
        Optional<String> reason = conditions.pauseReason(Wave.tally(all), last, wave);
        if (reason.isPresent()) {
            state = RolloutState.PAUSED;
            pausedReason = reason.get();
            pausedOnFailures = true;
        }
    }

    /** Approves the next wave. */
    void approveNext() {
        approved.add(waves.size());
        if (state == RolloutState.WAITING_FOR_APPROVAL) {
            state = RolloutState.RUNNING;
        }
    }

    /** A person's pause; false when cancelled. */
    boolean pause(String reason) {
        if (state == RolloutState.CANCELLED) {
            return false;
        }
        state = RolloutState.PAUSED;
        pausedReason = reason;
        pausedOnFailures = false;
        return true;
    }

    /** Resumes when paused; a wave that ended below its threshold stays closed and the next one opens. */
    boolean resume() {
        if (state != RolloutState.PAUSED) {
            return false;
        }
        state = RolloutState.RUNNING;
        pausedReason = null;
        pausedOnFailures = false;
        int last = waves.size() - 1;
        if (last >= 0 && waves.get(last).hasEnded() && !waves.get(last).isComplete(conditions.waveSuccess())) {
            // a person looked at the failures and decided to go on: count the wave as done
            approved.add(last + 1);
            waves.add(new Wave(last + 1));
        }
        return true;
    }

    /** Cancels; returns the queued members that will now never run (running ones finish). */
    List<RolloutMember> cancel() {
        state = RolloutState.CANCELLED;
        List<RolloutMember> cancelled = new ArrayList<>();
        for (RolloutMember m : all) {
            if (m.status == ResultStatus.QUEUED) {
                m.status = ResultStatus.CANCELLED;
                cancelled.add(m);
            }
        }
        return cancelled;
    }

    /** Reopens when cancelled: the members it cancelled are queued again in their waves; empty otherwise. */
    Optional<List<RolloutMember>> reopen() {
        if (state != RolloutState.CANCELLED) {
            return Optional.empty();
        }
        state = RolloutState.RUNNING;
        pausedReason = null;
        pausedOnFailures = false;
        List<RolloutMember> revived = new ArrayList<>();
        for (RolloutMember m : all) {
            if (m.status == ResultStatus.CANCELLED) {
                m.status = ResultStatus.QUEUED;
                m.notBefore = null;
                revived.add(m);
            }
        }
        return Optional.of(revived);
    }

    /** The durable part of the state. */
    RolloutRecord snapshot() {
        return new RolloutRecord(id, target, state, pausedReason, Set.copyOf(approved), waves.size(), pausedOnFailures);
    }

    /** Re-applies a saved state; call after the members were restored. */
    void restore(RolloutRecord saved) {
        state = saved.state();
        pausedReason = saved.pausedReason();
        pausedOnFailures = saved.pausedOnFailures();
        approved.addAll(saved.approvedWaves());
        padWaves(saved.waveCount());
    }

    RolloutView view() {
        List<RolloutView.WaveView> waveViews = new ArrayList<>();
        for (Wave w : waves) {
            if (!w.members().isEmpty()) {
                waveViews.add(w.view(policy.waveSize(w.index()), conditions.waveSuccess(),
                        !policy.approvalRequired() || approved.contains(w.index())));
            }
        }
        return new RolloutView(id, target, state, pausedReason, pausedOnFailures, policy.dryRun(),
                count(ResultStatus.QUEUED), count(ResultStatus.IN_PROGRESS),
                (int) all.stream().filter(RolloutMember::succeeded).count(),
                (int) all.stream().filter(RolloutMember::failed).count(), count(ResultStatus.CANCELLED), waveViews);
    }

    private int count(ResultStatus status) {
        return (int) all.stream().filter(m -> m.status == status).count();
    }

    private void padWaves(int count) {
        while (waves.size() < count) {
            waves.add(new Wave(waves.size()));
        }
    }
}
