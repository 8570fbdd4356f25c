package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Resumes after a restart from the jobs topic: finished jobs stay finished, queued ones (and those waiting for a
 * retry) queue again in their waves, interrupted flashes are re-checked, never re-flashed; rollout decisions, the
 * attention board and unsent results come back too. Commands wait for it ({@link #awaitRecovered}).
 */
@ApplicationScoped
public class JobRecovery {
    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    @Inject
    UpdaterConfig config;
    @Inject
    KafkaJobStore jobs;
    @Inject
    RolloutEngine engine;
    @Inject
    JobRunner runner;
    @Inject
    AttentionBoard attention;
    @Inject
    ResultOutbox outbox;
    @Inject
    UpdaterMetrics metrics;

    // Commands may arrive before the jobs topic is read; they wait, or a redelivered command would look new.
    private final CountDownLatch recovered = new CountDownLatch(1);

    void recover() {
        Map<String, JobRecord> saved = jobs.load();
        saved.values().forEach(this::restore);
        jobs.rollouts().values().forEach(engine::restoreRollout);
        saved.values().stream().filter(j -> j.phase() == JobPhase.DONE && j.attention())
                .forEach(j -> attention.note(j.command(), j.status(), j.step(), j.reason(), true));
        saved.values().stream().filter(j -> j.phase() == JobPhase.DONE && j.status().isOnTarget())
                .forEach(j -> attention.note(j.command(), j.status(), j.step(), j.reason(), false));
        if (!saved.isEmpty()) {
            LOG.infof("recovered %d jobs and %d rollout states from %s", saved.size(), jobs.rollouts().size(),
                    config.jobsTopic());
        }
        outbox.resume();
        metrics.jobRecordsSkipped(jobs.skipped());
        recovered.countDown();
    }

    private void restore(JobRecord job) {
        String target = job.command().targetFirmware();
        switch (job.phase()) {
            case DONE -> engine.restore(job.commandId(), job.command().serial(), target, job.wave(), job.status());
            case QUEUED, RUNNING -> {
                // a job waiting for its retry keeps its wave and its time
                engine.restore(job.commandId(), job.command().serial(), target, job.wave(), ResultStatus.QUEUED);
                if (job.retryAt() != null) {
                    engine.requeue(job.commandId(), job.retryAt());
                }
            }
            case FLASHING -> {
                engine.restore(job.commandId(), job.command().serial(), target, job.wave(), ResultStatus.IN_PROGRESS);
                LOG.warnf("%s: was flashing when the updater stopped; re-checking the router before anything else",
                        job.commandId());
                runner.submit(new StartOrder(job.commandId(), job.command().serial(), job.rolloutId(), job.wave(),
                        false), Runbook.Mode.RECHECK_AFTER_FLASH);
            }
            default -> { }
        }
    }

    /** Blocks until {@link #recover} has run (at most two minutes). */
    void awaitRecovered() {
        try {
            if (!recovered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("job state not recovered yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job recovery", e);
        }
    }
}
