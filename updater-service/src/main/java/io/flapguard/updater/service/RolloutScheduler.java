package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.Step;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The tick: ends updates past their deadline (TIMED_OUT, for a person), then starts what the rollout engine says may
 * start, each only once its start is durable.
 */
@ApplicationScoped
public class RolloutScheduler {
    private static final Logger LOG = Logger.getLogger(RolloutScheduler.class);

    @Inject
    UpdaterConfig config;
    @Inject
    Clock clock;
    @Inject
    RolloutEngine engine;
    @Inject
    KafkaJobStore jobs;
    @Inject
    JobRunner runner;
    @Inject
    JobFinisher finisher;

    private ScheduledExecutorService ticker;

    /** Starts ticking; called once the jobs topic has been recovered. */
    void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "updater-ticker"));
        ticker.scheduleWithFixedDelay(this::tick, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    void tick() {
        try {
            expireOverdue();
            startDue();
        } catch (RuntimeException e) {
            LOG.errorf("rollout tick failed: %s", e.getMessage());
        }
    }

    private void expireOverdue() {
        for (StartOrder expired : engine.expire()) {
            JobRecord job = jobs.get(expired.commandId()).orElseThrow();
            String reason = "no result within the update deadline " + config.rollout().updateDeadline()
                    + "; router marked for attention";
            FailureKind kind = job.phase() == JobPhase.FLASHING ? FailureKind.FAILED_AFTER_FLASH : FailureKind.ABORTED;
            finisher.finish(job, expired, new Outcome(ResultStatus.TIMED_OUT, Step.UPDATE, reason, null, true, null, kind));
        }
    }

    private void startDue() {
        for (StartOrder order : engine.due()) {
            try {
                jobs.update(order.commandId(), j -> j.inWave(order.rolloutId(), order.wave()).starting(clock.instant()));
            } catch (RuntimeException e) {
                // not durable: do not run it; it starts on a later tick
                engine.requeue(order.commandId(), clock.instant().plus(config.tickInterval()));
                LOG.warnf("%s: start not recorded, not starting it yet: %s", order.commandId(), e.getMessage());
                continue;
            }
            runner.submit(order, order.dryRun() ? Runbook.Mode.DRY_RUN : Runbook.Mode.UPDATE);
        }
    }
}
