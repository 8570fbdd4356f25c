package io.flapguard.updater.service;

import static io.flapguard.updater.service.JobResults.result;

import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutView;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.Step;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Rollout membership and the operators' buttons (approve, pause, resume, cancel, reopen), each durable before it
 * returns, and the views REST shows.
 */
@ApplicationScoped
public class RolloutControl {
    private static final Logger LOG = Logger.getLogger(RolloutControl.class);

    @Inject
    RolloutEngine engine;
    @Inject
    KafkaJobStore jobs;
    @Inject
    RolloutPersistence persistence;
    @Inject
    JobFinisher finisher;
    @Inject
    DurableWrites writes;
    @Inject
    ResultOutbox outbox;
    @Inject
    RunningJobs running;
    @Inject
    UpdaterMetrics metrics;

    /** Serialises what joins, leaves or revives a rollout's members with their job records (accept, cancel, reopen). */
    private final Object membership = new Object();

    /**
     * A validated new command joins its target's rollout: stored QUEUED, or CANCELLED at once while that rollout is
     * cancelled. Throws if the job state is not durable.
     */
    void join(RemediationCommand command, JobRecord job) {
        String rolloutId = RolloutEngine.rolloutIdFor(command.targetFirmware());
        synchronized (membership) {   // a cancel or reopen in between would leave the job and its rollout apart
            if (engine.acceptsNew(command.targetFirmware())) {
                jobs.save(job.sending(result(command, ResultStatus.QUEUED, null, null, "waiting for its wave", null,
                        rolloutId, -1, 1, null)));
            } else {
                String reason = rolloutId + " is cancelled; an operator can reopen it (POST /rollouts/" + rolloutId
                        + "/reopen) to run this command";
                jobs.save(job.inWave(rolloutId, -1).done(null, ResultStatus.CANCELLED, Step.VALIDATE.label(), reason,
                        false).sending(result(command, ResultStatus.CANCELLED, Step.VALIDATE.label(), null, reason,
                        null, rolloutId, -1, 1, null)));
                metrics.result(command.targetFirmware(), ResultStatus.CANCELLED.name(), Step.VALIDATE.label());
                LOG.infof("%s: %s", command.commandId(), reason);
            }
            engine.add(command.commandId(), command.serial(), command.targetFirmware());
        }
    }

    public List<RolloutView> rollouts() {
        return engine.rollouts();
    }

    public boolean known(String rolloutId) {
        return engine.rollouts().stream().anyMatch(v -> v.id().equals(rolloutId));
    }

    public boolean pausedOnFailures(String rolloutId) {
        return engine.pausedOnFailures(rolloutId);
    }

    /** The jobs of one rollout with the flash percentage of those running, for REST. */
    public List<RolloutMemberView> members(String rolloutId) {
        return engine.members(rolloutId).stream()
                .map(m -> RolloutMemberView.of(m, jobs.get(m.commandId()).orElse(null),
                        running.flashPercent(m.commandId())))
                .toList();
    }

    /** Approves the next wave; the decision is durable before this returns. */
    public boolean approve(String rolloutId) {
        return engine.approve(rolloutId) && persisted(rolloutId);
    }

    public boolean pause(String rolloutId, String reason) {
        return engine.pause(rolloutId, reason) && persisted(rolloutId);
    }

    public boolean resume(String rolloutId) {
        return engine.resume(rolloutId) && persisted(rolloutId);
    }

    /**
     * Cancels a rollout: queued commands end CANCELLED, and so do commands for its target that arrive later, until
     * an operator reopens it.
     */
    public boolean cancel(String rolloutId) {
        synchronized (membership) {
            List<StartOrder> cancelled = engine.cancel(rolloutId);
            persistence.persist(rolloutId);   // first: a restart must not start what the operator cancelled
            for (StartOrder order : cancelled) {
                finisher.finish(jobs.get(order.commandId()).orElseThrow(), order,
                        Outcome.of(ResultStatus.CANCELLED, Step.VALIDATE, "rollout cancelled by an operator", null));
            }
            return known(rolloutId);
        }
    }

    /**
     * Reopens a cancelled rollout: the commands it cancelled before they started are queued again (a QUEUED result
     * each) and new commands for its target join it. False when the rollout is unknown or not cancelled.
     */
    public boolean reopen(String rolloutId) {
        synchronized (membership) {
            Optional<List<StartOrder>> revived = engine.reopen(rolloutId);
            if (revived.isEmpty()) {
                return false;
            }
            persistence.persist(rolloutId);
            String why = "rollout reopened by an operator; waiting for its wave";
            for (StartOrder order : revived.get()) {
                RemediationCommand c = jobs.get(order.commandId()).orElseThrow().command();
                writes.saveUntilDurable(order.commandId(), j -> j.reopened(why).sending(result(c, ResultStatus.QUEUED,
                        null, null, why, null, rolloutId, order.wave(), j.currentAttempt(), null)));
                outbox.wake(order.commandId());
            }
            LOG.infof("%s reopened; %d cancelled commands queued again", rolloutId, revived.get().size());
            return true;
        }
    }

    private boolean persisted(String rolloutId) {
        persistence.persist(rolloutId);
        return true;
    }
}
