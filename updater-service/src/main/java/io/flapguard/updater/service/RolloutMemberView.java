package io.flapguard.updater.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flapguard.updater.jobs.Attempt;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.wire.FailureKind;
import java.time.Instant;

/**
 * One router of a rollout as the console shows it: its wave, where its update stands (with the flash percentage the
 * router last printed while it runs), its attempt and the failure kind of its last failed attempt.
 *
 * @param wave null until the router is placed in a wave
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutMemberView(String serial, String commandId, Integer wave, String status, String step,
                                Integer flashPercent, int attempt, FailureKind lastFailureKind,
                                Instant nextAttemptNotBefore, boolean attention, String reason) {

    static RolloutMemberView of(RolloutEngine.MemberPlace place, JobRecord job, Integer percent) {
        FailureKind kind = null;
        if (job != null) {
            for (Attempt a : job.attempts()) {
                if (a.failureKind() != null) {
                    kind = a.failureKind();
                }
            }
        }
        return new RolloutMemberView(place.serial(), place.commandId(), place.wave() < 0 ? null : place.wave(),
                place.status().name(), job == null ? null : job.step(), percent,
                job == null ? 1 : job.currentAttempt(), kind, job == null ? null : job.retryAt(),
                job != null && job.attention(), job == null ? null : job.reason());
    }
}
