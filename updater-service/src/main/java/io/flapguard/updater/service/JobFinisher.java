package io.flapguard.updater.service;

import static io.flapguard.updater.service.JobResults.result;

import io.flapguard.updater.jobs.Attempt;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.retry.RetryPolicy;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Ends an attempt. A recoverable failure with budget left is queued again (QUEUED result with its failure kind and
 * attempt number); anything else ends the job. Either way the new state and its result are written in one record
 * before the engine hears of it, and the outbox sends the result until Kafka has it.
 */
@ApplicationScoped
public class JobFinisher {
    private static final Logger LOG = Logger.getLogger(JobFinisher.class);

    @Inject
    Clock clock;
    @Inject
    RolloutEngine engine;
    @Inject
    RetryPolicy retry;
    @Inject
    RandomGenerator random;
    @Inject
    DurableWrites writes;
    @Inject
    ResultOutbox outbox;
    @Inject
    RunningJobs running;
    @Inject
    RolloutPersistence rollouts;
    @Inject
    AttentionBoard attention;
    @Inject
    UpdaterMetrics metrics;

    /** One at a time: a deadline, a cancel and the runbook may end the same job at once; the first one wins. */
    public synchronized void finish(JobRecord job, StartOrder order, Outcome outcome) {
        if (job.phase() == JobPhase.DONE) {
            return;   // already ended (deadline passed first); the late runbook outcome is only logged
        }
        Instant now = clock.instant();
        int attempt = job.currentAttempt();
        Instant started = running.ended(order.commandId()).orElse(null);
        if (outcome.kind() != null && outcome.kind() != FailureKind.NOT_NEEDED) {
            metrics.attemptFailed(outcome.kind());
        }
        // a command cancelled before it started has had no attempt
        Attempt ended = started == null && outcome.kind() == null ? null : new Attempt(attempt, started, now,
                outcome.status().name(), outcome.kind(), outcome.step().label(), outcome.reason());
        Outcome last = outcome;
        if (outcome.recoverable()) {
            Instant first = job.firstAttemptAt() == null ? now : job.firstAttemptAt();
            Optional<Instant> next = retry.nextAttempt(attempt, first, now, random);
            if (next.isPresent()) {
                retryLater(job.command(), order, outcome, ended, attempt, next.get());
                return;
            }
            last = outcome.retriesExhausted(retry.exhaustedReason(attempt));
            metrics.retriesExhausted();
        }
        end(job.command(), order, last, ended, attempt, started, now);
    }

    private void retryLater(RemediationCommand c, StartOrder order, Outcome failed, Attempt ended, int attempt,
                            Instant next) {
        String reason = failed.reason() + "; attempt " + (attempt + 1) + " of " + retry.maxAttempts()
                + " not before " + next;
        writes.saveUntilDurable(c.commandId(), j -> j.retrying(ended, next).sending(result(c, ResultStatus.QUEUED,
                failed.step().label(), null, reason, failed.installedFirmware(), order.rolloutId(), order.wave(),
                attempt, FailureKind.RECOVERABLE)));
        engine.requeue(c.commandId(), next);
        metrics.retryScheduled();
        outbox.wake(c.commandId());
        LOG.infof("%s: attempt %d failed (%s at %s): %s; next not before %s", c.commandId(), attempt, failed.kind(),
                failed.step().label(), failed.reason(), next);
    }

    private void end(RemediationCommand c, StartOrder order, Outcome last, Attempt ended, int attempt,
                     Instant started, Instant now) {
        writes.saveUntilDurable(c.commandId(), j -> j.done(ended, last.status(), last.step().label(), last.reason(),
                last.attention()).sending(result(c, last.status(), last.step().label(), null, last.reason(),
                last.installedFirmware(), order.rolloutId(), order.wave(), attempt, last.kind())));
        engine.finished(order.commandId(), last.status());
        rollouts.persist(order.rolloutId());   // an automatic pause must survive a restart too
        attention.note(c, last.status(), last.step().label(), last.reason(), last.attention());
        outbox.wake(c.commandId());
        metrics.result(c.targetFirmware(), last.status().name(), last.step().label());
        if (last.refusal() != null) {
            metrics.refused(last.refusal());
        }
        if (started != null) {
            metrics.duration(c.targetFirmware(), last.status().name(), Duration.between(started, now));
        }
        LOG.infof("%s: %s at %s (attempt %d): %s", c.commandId(), last.status(), last.step().label(), attempt,
                last.reason());
    }
}
