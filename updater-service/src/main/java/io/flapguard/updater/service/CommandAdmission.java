package io.flapguard.updater.service;

import static io.flapguard.updater.service.JobResults.result;

import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.runbook.Step;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.updater.validate.RefusedException;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of an incoming command, in order: signature, duplicate, validation, then queued in its
 * target's rollout (or CANCELLED at once while that rollout is cancelled). Returns once the decision is durable;
 * {@link io.flapguard.updater.CommandIntake} then acknowledges the Kafka offset.
 */
@ApplicationScoped
public class CommandAdmission {
    private static final Logger LOG = Logger.getLogger(CommandAdmission.class);

    @Inject
    JobRecovery recovery;
    @Inject
    CommandVerifier verifier;
    @Inject
    CommandValidator validator;
    @Inject
    KafkaJobStore jobs;
    @Inject
    RolloutEngine engine;
    @Inject
    RolloutControl rollouts;
    @Inject
    ResultOutbox outbox;
    @Inject
    ProgressReports progress;
    @Inject
    UpdaterMetrics metrics;

    /**
     * A refused forgery is never stored: stored, it would make the genuine command with that id look like a
     * duplicate. If it names a command we already hold, no result is published either, so the genuine command's
     * results stay the only ones with its id.
     */
    public void accept(RemediationCommand command) {
        recovery.awaitRecovered();
        Optional<RefusalReason> forged = verifier.check(command);
        Optional<JobRecord> known = jobs.get(command.commandId());
        if (forged.isPresent()) {
            refuseForgery(command, forged.get(), known.isPresent());
            return;
        }
        if (known.isPresent()) {
            // A replay (or a re-issue) of a command we hold: it never runs twice, whatever it says now.
            LOG.infof("%s: already %s; the repeated command is ignored", command.commandId(), known.get().status());
            return;
        }
        JobRecord job = JobRecord.queued(command);
        try {
            validator.validate(command);
        } catch (RefusedException e) {
            refuseInvalid(job, e);
            return;
        }
        rollouts.join(command, job);
        outbox.wake(command.commandId());
    }

    /** Counts a command that broke the wire contract (CommandIntake skips it). */
    public void refusedMalformed() {
        metrics.refused(RefusalReason.MALFORMED);
    }

    private void refuseForgery(RemediationCommand command, RefusalReason reason, boolean known) {
        String why = CommandVerifier.describe(reason, command);
        metrics.refused(reason);
        if (known) {
            LOG.warnf("%s: refused (%s): %s; the command already held under this id is untouched",
                    command.commandId(), reason.label(), why);
            return;
        }
        LOG.warnf("%s: refused before anything else (%s): %s", command.commandId(), reason.label(), why);
        // never stored (see accept), so sent once, best effort
        progress.publish(result(command, ResultStatus.REFUSED_SIGNATURE, Step.VALIDATE.label(), null, why, null, null,
                -1, 1, FailureKind.ABORTED));
        metrics.result(command.targetFirmware(), ResultStatus.REFUSED_SIGNATURE.name(), Step.VALIDATE.label());
    }

    private void refuseInvalid(JobRecord job, RefusedException e) {
        RemediationCommand command = job.command();
        LOG.warnf("%s: refused before connecting: %s", command.commandId(), e.getMessage());
        // the result is saved with the state; the outbox sends it (throws here if not durable: not acked)
        jobs.save(job.done(null, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), e.getMessage(), false)
                .sending(result(command, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), null,
                        e.getMessage(), null, null, -1, 1, FailureKind.ABORTED)));
        metrics.refused(e.reason());
        metrics.attemptFailed(FailureKind.ABORTED);
        metrics.result(command.targetFirmware(), ResultStatus.REFUSED_VALIDATION.name(), Step.VALIDATE.label());
        outbox.wake(command.commandId());
    }
}
