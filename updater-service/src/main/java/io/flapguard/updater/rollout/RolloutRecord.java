package io.flapguard.updater.rollout;

import java.util.Set;

/**
 * What a restart must not forget about a rollout beyond its members' job states: operator decisions (approved
 * waves, pause with its reason, cancel) and automatic pauses ({@code pausedOnFailures}: false in records written
 * before it existed). Stored on the jobs topic keyed {@code rollout/<id>} ({@code rollout:<id>} before, still read).
 */
public record RolloutRecord(String rolloutId, String targetFirmware, RolloutState state, String pausedReason,
                            Set<Integer> approvedWaves, int waveCount, boolean pausedOnFailures) {
    public static final String KEY_PREFIX = "rollout/";
    /** How older releases keyed rollouts; read, never written. */
    public static final String LEGACY_KEY_PREFIX = "rollout:";

    public String key() {
        return KEY_PREFIX + rolloutId;
    }
}
