package io.flapguard.updater.rollout;

/** Where a rollout stands. */
public enum RolloutState {
    RUNNING, WAITING_FOR_APPROVAL, PAUSED, COMPLETED, CANCELLED
}
