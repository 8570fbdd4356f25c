package io.flapguard.updater.rollout;

import java.time.Duration;
import java.util.Optional;

/**
 * How a rollout proceeds.
 *
 * @param canarySize          updates in wave 0
 * @param growthFactor        each later wave is this many times the previous one
 * @param maxConcurrent       updates running at once over all rollouts
 * @param waveSuccessShare    a wave is complete (the next may start) once successes / wave size reach this
 * @param failurePauseShare   the rollout pauses when failures / finished exceed this ...
 * @param minFinishedForPause ... once at least this many updates of the rollout have finished
 * @param updateDeadline      an update still running after this counts as TIMED_OUT (a failure)
 * @param approvalRequired    every wave waits for a person to approve it
 * @param dryRun              identify and list only
 */
public record RolloutPolicy(int canarySize, double growthFactor, int maxConcurrent, double waveSuccessShare,
                            double failurePauseShare, int minFinishedForPause, Duration updateDeadline,
                            boolean approvalRequired, boolean dryRun, Optional<MaintenanceWindow> window) {

    public RolloutPolicy {
        if (canarySize < 1 || growthFactor < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("canary size, growth factor and concurrency must be at least 1");
        }
    }

    /** Size of wave {@code index}: canary, then canary·growth^index. */
    public int waveSize(int index) {
        return (int) Math.min(1_000_000, Math.ceil(canarySize * Math.pow(growthFactor, index)));
    }
}
