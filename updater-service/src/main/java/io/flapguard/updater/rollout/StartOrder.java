package io.flapguard.updater.rollout;

/** The engine says: start this command now. */
public record StartOrder(String commandId, String serial, String rolloutId, int wave, boolean dryRun) {
}
