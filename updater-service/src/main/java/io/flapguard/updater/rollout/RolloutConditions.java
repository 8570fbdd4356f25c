package io.flapguard.updater.rollout;

import java.util.List;
import java.util.Optional;

/**
 * The condition evaluators of a rollout: when a wave is complete (the next may open) and, checked in order after
 * every ended update, what pauses the rollout on its own.
 */
public record RolloutConditions(WaveSuccessCondition waveSuccess, List<PauseCondition> pauseConditions) {
    public RolloutConditions {
        pauseConditions = List.copyOf(pauseConditions);
    }

    /** The policy's conditions: failure share over the whole rollout, then a wave that ended below its share. */
    public static RolloutConditions of(RolloutPolicy policy) {
        WaveSuccessCondition success = new WaveSuccessCondition(policy.waveSuccessShare());
        return new RolloutConditions(success, List.of(
                new PauseCondition.FailureShare(policy.failurePauseShare(), policy.minFinishedForPause()),
                new PauseCondition.WaveShortfall(success)));
    }

    /** The first pause condition's reason; empty when none holds. */
    public Optional<String> pauseReason(Tally rollout, int index, Tally wave) {
        for (PauseCondition condition : pauseConditions) {
            Optional<String> reason = condition.pauseReason(rollout, index, wave);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
