package io.flapguard.updater.rollout;

import java.util.Optional;

/** A rule that stops a rollout on its own (hawkBit's error condition + pause action); empty when it holds back. */
public interface PauseCondition {
    /**
     * @param rollout the whole rollout's tally
     * @param index   the last opened wave, -1 when none
     * @param wave    that wave's tally (all zero when none)
     */
    Optional<String> pauseReason(Tally rollout, int index, Tally wave);

    /** Too many of the finished updates failed: failures exceed {@code share} of them once {@code minFinished} ended. */
    record FailureShare(double share, int minFinished) implements PauseCondition {
        @Override
        public Optional<String> pauseReason(Tally rollout, int index, Tally wave) {
            return rollout.finished() >= minFinished && rollout.failed() > share * rollout.finished()
                    ? Optional.of(rollout.failed() + " of " + rollout.finished() + " finished updates failed")
                    : Optional.empty();
        }
    }

    /** The last wave ended without reaching its success share: the next one would not open by itself. */
    record WaveShortfall(WaveSuccessCondition success) implements PauseCondition {
        @Override
        public Optional<String> pauseReason(Tally rollout, int index, Tally wave) {
            return index >= 0 && wave.allEnded() && !success.isMet(wave)
                    ? Optional.of("wave " + index + " ended below the success share " + success.share())
                    : Optional.empty();
        }
    }
}
