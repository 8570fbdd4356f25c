package io.flapguard.updater.jobs;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable state of one command, the value of the compacted jobs topic keyed by command id.
 *
 * @param attempt  the attempt running or next to run (1 is the first; 0 in records written before retries existed)
 * @param retryAt  when the next attempt may start after a recoverable failure; null when it may start at once
 * @param attempts the attempts that ended, oldest first
 * @param outbox   results written with this state and not yet acknowledged by Kafka: re-sent, after a restart too,
 *                 until they are, then removed
 */
public record JobRecord(String commandId, RemediationCommand command, String rolloutId, int wave, JobPhase phase,
                        ResultStatus status, String step, String reason, boolean attention, int attempt,
                        Instant firstAttemptAt, Instant retryAt, List<Attempt> attempts, List<RemediationResult> outbox) {

    public JobRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** A new job, queued, with its first result waiting in the outbox. */
    public static JobRecord queued(RemediationCommand command) {
        return new JobRecord(command.commandId(), command, null, -1, JobPhase.QUEUED, ResultStatus.QUEUED, null, null,
                false, 1, null, null, List.of(), List.of());
    }

    /** As older releases wrote it: no attempts, no outbox. */
    public JobRecord(String commandId, RemediationCommand command, String rolloutId, int wave, JobPhase phase,
                     ResultStatus status, String step, String reason, boolean attention) {
        this(commandId, command, rolloutId, wave, phase, status, step, reason, attention, 1, null, null, List.of(),
                List.of());
    }

    public JobRecord with(JobPhase newPhase, ResultStatus newStatus, String newStep, String newReason, boolean newAttention) {
        return new JobRecord(commandId, command, rolloutId, wave, newPhase, newStatus, newStep, newReason, newAttention,
                attempt, firstAttemptAt, retryAt, attempts, outbox);
    }

    public JobRecord inWave(String newRolloutId, int newWave) {
        return new JobRecord(commandId, command, newRolloutId, newWave, phase, status, step, reason, attention,
                attempt, firstAttemptAt, retryAt, attempts, outbox);
    }

    /** The current attempt (never below 1, also for records from before retries). */
    public int currentAttempt() {
        return Math.max(1, attempt);
    }

    /** The attempt starts now: first-attempt time set once, any retry time cleared. */
    public JobRecord starting(Instant now) {
        return new JobRecord(commandId, command, rolloutId, wave, JobPhase.RUNNING, ResultStatus.IN_PROGRESS, null,
                null, false, currentAttempt(), firstAttemptAt == null ? now : firstAttemptAt, null, attempts, outbox);
    }

    /** The current attempt ended as {@code ended}; the next one is queued for {@code next}. */
    public JobRecord retrying(Attempt ended, Instant next) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(ended);
        return new JobRecord(commandId, command, rolloutId, wave, JobPhase.QUEUED, ResultStatus.QUEUED, ended.step(),
                ended.reason(), false, currentAttempt() + 1, firstAttemptAt, next, all, outbox);
    }

    /** The current attempt ended as {@code ended}, and with it the job. */
    public JobRecord done(Attempt ended, ResultStatus finalStatus, String finalStep, String finalReason,
                          boolean needsPerson) {
        List<Attempt> all = new ArrayList<>(attempts);
        if (ended != null) {
            all.add(ended);
        }
        return new JobRecord(commandId, command, rolloutId, wave, JobPhase.DONE, finalStatus, finalStep, finalReason,
                needsPerson, currentAttempt(), firstAttemptAt, null, all, outbox);
    }

    /** A job ended CANCELLED before it started, queued again because its rollout was reopened. */
    public JobRecord reopened(String why) {
        return new JobRecord(commandId, command, rolloutId, wave, JobPhase.QUEUED, ResultStatus.QUEUED, null, why,
                false, currentAttempt(), firstAttemptAt, null, attempts, outbox);
    }

    /** Adds a result to the outbox; it is saved with the state it reports. */
    public JobRecord sending(RemediationResult result) {
        List<RemediationResult> pending = new ArrayList<>(outbox);
        pending.add(result);
        return new JobRecord(commandId, command, rolloutId, wave, phase, status, step, reason, attention, attempt,
                firstAttemptAt, retryAt, attempts, pending);
    }

    /** Removes results Kafka acknowledged. */
    public JobRecord delivered(List<RemediationResult> acknowledged) {
        List<RemediationResult> pending = new ArrayList<>(outbox);
        pending.removeAll(acknowledged);
        return new JobRecord(commandId, command, rolloutId, wave, phase, status, step, reason, attention, attempt,
                firstAttemptAt, retryAt, attempts, pending);
    }
}
