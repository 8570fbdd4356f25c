package io.flapguard.updater.service;

import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Keeps each rollout's durable state (operator decisions, automatic pauses) on the jobs topic. */
@ApplicationScoped
public class RolloutPersistence {
    @Inject
    RolloutEngine engine;
    @Inject
    KafkaJobStore jobs;

    /** Saves the rollout's state when it changed since the last save; throws when it could not be made durable. */
    public synchronized void persist(String rolloutId) {
        if (rolloutId == null) {
            return;
        }
        Optional<RolloutRecord> now = engine.snapshot(rolloutId);
        if (now.isPresent() && !now.get().equals(jobs.rollouts().get(rolloutId))) {
            jobs.saveRollout(now.get());
        }
    }
}
