package io.flapguard.updater.service;

import static io.flapguard.updater.service.JobResults.result;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.RunListener;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.Step;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.ssh.RouterAddressBook;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.updater.validate.RefusedException;
import io.flapguard.updater.validate.ValidatedCommand;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one attempt of a started job on a bounded pool: checks the stored command again (signature, validation),
 * finds the router, runs the runbook, writes FLASHING before the flash and reports progress, then hands the outcome
 * to the {@link JobFinisher}.
 */
@ApplicationScoped
public class JobRunner {
    @Inject
    UpdaterConfig config;
    @Inject
    Clock clock;
    @Inject
    KafkaJobStore jobs;
    @Inject
    CommandVerifier verifier;
    @Inject
    CommandValidator validator;
    @Inject
    RouterAddressBook addresses;
    @Inject
    Runbook runbook;
    @Inject
    RunningJobs running;
    @Inject
    ProgressReports progress;
    @Inject
    JobFinisher finisher;

    private ExecutorService workers;

    @PostConstruct
    void createPool() {
        workers = Executors.newFixedThreadPool(config.rollout().maxConcurrent());
    }

    /** Runs the attempt on a worker; its job's start is already durable. */
    public void submit(StartOrder order, Runbook.Mode mode) {
        workers.submit(() -> run(order, mode));
    }

    void stop() {
        workers.shutdownNow();
    }

    private void run(StartOrder order, Runbook.Mode mode) {
        JobRecord job = jobs.get(order.commandId()).orElseThrow();
        RemediationCommand command = job.command();
        running.started(order.commandId(), clock.instant());
        int attempt = job.currentAttempt();
        Outcome outcome;
        try {
            Optional<RefusalReason> forged = verifier.check(command);   // the jobs topic may have been written by others
            if (forged.isPresent()) {
                throw new RefusedException(forged.get(), "stored job: " + CommandVerifier.describe(forged.get(), command));
            }
            ValidatedCommand valid = validator.validate(command);
            SshTarget target = resolve(command.serial());
            outcome = runbook.run(valid, target, mode, listener(order, command, attempt));
        } catch (RefusedException e) {
            outcome = Outcome.refused(e.reason(), e.reason() == RefusalReason.NO_ADDRESS ? Step.CONNECT : Step.VALIDATE,
                    e.getMessage(), null);
        } catch (RuntimeException e) {
            outcome = Outcome.aborted(Step.CONNECT, "internal error: " + e.getMessage(), null).needingAttention();
        }
        finisher.finish(jobs.get(order.commandId()).orElseThrow(), order, outcome);
    }

    private RunListener listener(StartOrder order, RemediationCommand command, int attempt) {
        return new RunListener() {
            @Override
            public void progress(Step step, Integer percent) {
                if (percent != null) {
                    running.flashed(order.commandId(), percent);
                }
                if (percent == null || percent % 10 == 0) {
                    progress.publish(result(command, ResultStatus.IN_PROGRESS, step.label(), percent, null, null,
                            order.rolloutId(), order.wave(), attempt, null));
                }
            }

            @Override
            public void beforeFlash() {
                jobs.update(order.commandId(), j -> j.with(JobPhase.FLASHING, ResultStatus.IN_PROGRESS,
                        Step.UPDATE.label(), null, false));
            }
        };
    }

    private SshTarget resolve(String serial) throws RefusedException {
        try {
            return addresses.resolve(serial);
        } catch (RefusedException e) {
            throw new RefusedException(RefusalReason.NO_ADDRESS, e.getMessage());
        }
    }
}
