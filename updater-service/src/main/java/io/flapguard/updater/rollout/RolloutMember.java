package io.flapguard.updater.rollout;

import io.flapguard.wire.ResultStatus;
import java.time.Instant;

/** One command of a rollout, for one router, as the engine tracks it; wave -1 until it is placed in one. */
final class RolloutMember {
    final String commandId;
    final String serial;
    final Rollout rollout;
    int wave = -1;
    Instant startedAt;
    /** A recoverable failure's next attempt waits until then; null when it may start at once. */
    Instant notBefore;
    ResultStatus status = ResultStatus.QUEUED;

    RolloutMember(String commandId, String serial, Rollout rollout) {
        this.commandId = commandId;
        this.serial = serial;
        this.rollout = rollout;
    }

    boolean running() {
        return status == ResultStatus.IN_PROGRESS;
    }

    /** Queued, and any retry delay has passed. */
    boolean mayStart(Instant now) {
        return status == ResultStatus.QUEUED && (notBefore == null || !now.isBefore(notBefore));
    }

    void start(Instant now) {
        status = ResultStatus.IN_PROGRESS;
        startedAt = now;
        notBefore = null;
    }

    /** Back in the queue of its wave, not before {@code at}. */
    void requeue(Instant at) {
        status = ResultStatus.QUEUED;
        startedAt = null;
        notBefore = at;
    }

    boolean succeeded() {
        return isSuccess(status);
    }

    boolean failed() {
        return isFailure(status);
    }

    StartOrder order(boolean dryRun) {
        return new StartOrder(commandId, serial, rollout.id(), wave, dryRun);
    }

    RolloutEngine.MemberPlace place() {
        return new RolloutEngine.MemberPlace(commandId, serial, wave, status);
    }

    /** On target, or dry run passed. */
    static boolean isSuccess(ResultStatus s) {
        return s.isOnTarget() || s == ResultStatus.DRY_RUN_PASSED;
    }

    /** Terminal failures only: a member waiting for its retry is QUEUED, not failed. */
    static boolean isFailure(ResultStatus s) {
        return s == ResultStatus.FAILED || s == ResultStatus.TIMED_OUT || s == ResultStatus.REFUSED_HOST_KEY
                || s == ResultStatus.REFUSED_VALIDATION;
    }
}
