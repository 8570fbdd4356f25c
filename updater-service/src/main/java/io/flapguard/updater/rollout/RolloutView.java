package io.flapguard.updater.rollout;

import java.util.List;

/** Read-only picture of a rollout for the REST API. */
public record RolloutView(String id, String targetFirmware, RolloutState state, String pausedReason,
                          boolean pausedOnFailures, boolean dryRun,
                          int queued, int running, int succeeded, int failed, int cancelled, List<WaveView> waves) {

    /** One wave: its planned size and how its members ended so far. */
    public record WaveView(int index, int size, int members, int running, int succeeded, int failed, boolean complete,
                           boolean approved) {
    }
}
