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
 * one {@link Rollout}, which opens its {@link Wave}s and pauses itself by its {@link RolloutConditions}; the engine
 * starts members across all rollouts within the global concurrency limit and the maintenance window, one update per
 * router at a time, and ends those past their deadline. All methods are synchronized.
 */
public final class RolloutEngine {
    private final RolloutPolicy policy;
    private final RolloutConditions conditions;
    private final Clock clock;
    private final Map<String, Rollout> rolloutsByTarget = new LinkedHashMap<>();
    private final Map<String, RolloutMember> members = new LinkedHashMap<>();

    public RolloutEngine(RolloutPolicy policy, Clock clock) {
        this.policy = policy;
        this.conditions = RolloutConditions.of(policy);
        this.clock = clock;
    }

    /** The id of the one rollout of a target firmware. */
    public static String rolloutIdFor(String targetFirmware) {
        return Rollout.idFor(targetFirmware);
    }

    /** Adds a command to its target's rollout; false if the command id is already known (a duplicate). */
    public synchronized boolean add(String commandId, String serial, String target) {
        if (members.containsKey(commandId)) {
            return false;
        }
        members.put(commandId, rolloutFor(target).join(commandId, serial));   // CANCELLED at once: see acceptsNew
        return true;
    }

    /** Re-creates a member after a restart, in the wave it had, with the state it reached. */
    public synchronized void restore(String commandId, String serial, String target, int wave, ResultStatus status) {
        add(commandId, serial, target);
        RolloutMember member = members.get(commandId);
        if (wave >= 0) {
            member.rollout.place(member, wave);
        }
        member.status = status;
        if (status == ResultStatus.IN_PROGRESS) {
            member.startedAt = clock.instant();
        }
    }

    /** The rollout and wave of a known command. */
    public synchronized Optional<StartOrder> placement(String commandId) {
        RolloutMember m = members.get(commandId);
        return m == null ? Optional.empty() : Optional.of(m.order(policy.dryRun()));
    }

    /** Commands that may start now; they are marked running. */
    public synchronized List<StartOrder> due() {
        List<StartOrder> starts = new ArrayList<>();
        Instant now = clock.instant();
        if (policy.window().isPresent() && !policy.window().get().isOpen(now)) {
            return starts;
        }
        long running = members.values().stream().filter(RolloutMember::running).count();
        Set<String> busySerials = new HashSet<>();
        members.values().stream().filter(RolloutMember::running).forEach(m -> busySerials.add(m.serial));
        for (Rollout rollout : rolloutsByTarget.values()) {
            if (rollout.halted()) {
                continue;
            }
            int current = rollout.openWaveIfDue();
            // earlier waves first: a member waiting for its retry stays in the wave it was started in
            for (RolloutMember m : rollout.membersUpTo(current)) {
                if (running >= policy.maxConcurrent()) {
                    return starts;
                }
                if (m.mayStart(now) && !busySerials.contains(m.serial)) {
                    m.start(now);
                    busySerials.add(m.serial);
                    running++;
                    starts.add(m.order(policy.dryRun()));
                }
            }
        }
        return starts;
    }

    /** Records how an update ended. Returns false when it had already ended (for example by its deadline). */
    public synchronized boolean finished(String commandId, ResultStatus status) {
        RolloutMember m = members.get(commandId);
        if (m == null || m.status.isTerminal()) {
            return false;
        }
        m.status = status;
        m.rollout.evaluate();
        return true;
    }

    /**
     * Puts a started member back in the queue of its wave, to start again not before {@code notBefore} (a recoverable
     * failure's retry, or a start whose state could not be saved). It does not count as finished or failed.
     */
    public synchronized boolean requeue(String commandId, Instant notBefore) {
        RolloutMember m = members.get(commandId);
        if (m == null || m.status.isTerminal()) {
            return false;
        }
        m.requeue(notBefore);
        return true;
    }

    /** Updates running past the deadline: marked TIMED_OUT and returned, so the caller reports them. */
    public synchronized List<StartOrder> expire() {
        Instant limit = clock.instant().minus(policy.updateDeadline());
        List<StartOrder> expired = new ArrayList<>();
        for (RolloutMember m : members.values()) {
            if (m.running() && m.startedAt.isBefore(limit)) {
                m.status = ResultStatus.TIMED_OUT;
                expired.add(m.order(policy.dryRun()));
                m.rollout.evaluate();
            }
        }
        return expired;
    }

    /** Approves the next wave of a rollout waiting for approval. */
    public synchronized boolean approve(String rolloutId) {
        Optional<Rollout> r = byId(rolloutId);
        r.ifPresent(Rollout::approveNext);
        return r.isPresent();
    }

    public synchronized boolean pause(String rolloutId, String reason) {
        return byId(rolloutId).map(r -> r.pause(reason)).orElse(false);
    }

    /** True when the rollout is paused because the failure rules stopped it (not a person). */
    public synchronized boolean pausedOnFailures(String rolloutId) {
        return byId(rolloutId).map(Rollout::pausedOnFailures).orElse(false);
    }

    /** Resumes a paused rollout; a wave that ended below its threshold stays closed and the next one opens. */
    public synchronized boolean resume(String rolloutId) {
        return byId(rolloutId).map(Rollout::resume).orElse(false);
    }

    /** Cancels a rollout; returns the queued commands that will now never run (running ones finish). */
    public synchronized List<StartOrder> cancel(String rolloutId) {
        return byId(rolloutId).map(r -> orders(r.cancel())).orElseGet(ArrayList::new);
    }

    /** False when new commands for this target would join a cancelled rollout (they end CANCELLED at once). */
    public synchronized boolean acceptsNew(String target) {
        Rollout r = rolloutsByTarget.get(target);
        return r == null || r.state() != RolloutState.CANCELLED;
    }

    /**
     * Reopens a cancelled rollout: it runs again, and the commands it cancelled before they started (and those that
     * arrived while it was cancelled) are queued again in their waves. Empty when the rollout is unknown or not
     * cancelled; otherwise the revived commands, which the caller reports as QUEUED.
     */
    public synchronized Optional<List<StartOrder>> reopen(String rolloutId) {
        return byId(rolloutId).flatMap(Rollout::reopen).map(this::orders);
    }

    /** The durable part of a rollout's state, for {@link #restoreRollout} after a restart. */
    public synchronized Optional<RolloutRecord> snapshot(String rolloutId) {
        return byId(rolloutId).map(Rollout::snapshot);
    }

    /** Re-applies a saved rollout state; call after its members were restored. */
    public synchronized void restoreRollout(RolloutRecord saved) {
        rolloutFor(saved.targetFirmware()).restore(saved);
    }

    public synchronized List<RolloutView> rollouts() {
        return rolloutsByTarget.values().stream().map(Rollout::view).toList();
    }

    /** One member of a rollout as the engine sees it; wave -1 until it is placed in one. */
    public record MemberPlace(String commandId, String serial, int wave, ResultStatus status) {
    }

    /** The members of a rollout in the order they joined; empty for an unknown rollout. */
    public synchronized List<MemberPlace> members(String rolloutId) {
        return byId(rolloutId).map(r -> r.members().stream().map(RolloutMember::place).toList()).orElse(List.of());
    }

    public synchronized int running() {
        return (int) members.values().stream().filter(RolloutMember::running).count();
    }

    private Rollout rolloutFor(String target) {
        return rolloutsByTarget.computeIfAbsent(target, t -> new Rollout(t, policy, conditions));
    }

    private Optional<Rollout> byId(String id) {
        return rolloutsByTarget.values().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private List<StartOrder> orders(List<RolloutMember> ms) {
        return new ArrayList<>(ms.stream().map(m -> m.order(policy.dryRun())).toList());
    }
}
