package io.flapguard.updater.rollout;

/**
 * When a wave counts as complete, so the next may open: successes reach {@code share} of its size (rounded up).
 * Like hawkBit's threshold success condition of a rollout group.
 */
public record WaveSuccessCondition(double share) {
    public boolean isMet(Tally wave) {
        return wave.succeeded() >= Math.ceil(share * wave.members());
    }
}
