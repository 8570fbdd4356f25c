package io.flapguard.updater.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each rollout condition on its own, from tallies alone. */
class RolloutConditionsTest {
    static final Tally NONE = new Tally(0, 0, 0, 0, 0);

    @Test
    void aWaveIsCompleteWhenItsSuccessesReachTheShareRoundedUp() {
        WaveSuccessCondition ninety = new WaveSuccessCondition(0.9);
        assertThat(ninety.isMet(new Tally(10, 9, 1, 10, 10))).isTrue();
        assertThat(ninety.isMet(new Tally(10, 8, 0, 8, 8))).isFalse();
        assertThat(ninety.isMet(new Tally(1, 1, 0, 1, 1))).isTrue();
        assertThat(ninety.isMet(new Tally(3, 2, 0, 2, 2))).as("ceil(2.7) = 3").isFalse();
    }

    @Test
    void theFailureShareHoldsBackUntilEnoughFinishedThenPausesAboveTheShare() {
        PauseCondition half = new PauseCondition.FailureShare(0.5, 3);
        assertThat(half.pauseReason(new Tally(5, 0, 2, 2, 2), 0, NONE)).as("only 2 finished").isEmpty();
        assertThat(half.pauseReason(new Tally(5, 1, 2, 3, 3), 0, NONE)).contains("2 of 3 finished updates failed");
        assertThat(half.pauseReason(new Tally(6, 2, 2, 4, 4), 0, NONE)).as("2 of 4 is not above half").isEmpty();
        assertThat(half.pauseReason(new Tally(6, 1, 2, 3, 5), 0, NONE)).as("cancelled ones are not finished")
                .contains("2 of 3 finished updates failed");
    }

    @Test
    void aWaveThatEndedBelowItsSuccessSharePausesButARunningOneDoesNot() {
        PauseCondition shortfall = new PauseCondition.WaveShortfall(new WaveSuccessCondition(1.0));
        assertThat(shortfall.pauseReason(NONE, 1, new Tally(2, 1, 1, 2, 2)))
                .contains("wave 1 ended below the success share 1.0");
        assertThat(shortfall.pauseReason(NONE, 1, new Tally(2, 1, 0, 1, 1))).as("one still running or retrying").isEmpty();
        assertThat(shortfall.pauseReason(NONE, 1, new Tally(2, 2, 0, 2, 2))).isEmpty();
        assertThat(shortfall.pauseReason(NONE, -1, NONE)).as("no wave yet").isEmpty();
    }

    @Test
    void thePolicysConditionsAreCheckedInOrderAndTheFirstReasonWins() {
        RolloutConditions conditions = RolloutConditions.of(new RolloutPolicy(1, 2, 10, 1.0, 0.5, 2,
                java.time.Duration.ofMinutes(30), false, false, java.util.Optional.empty()));
        assertThat(conditions.waveSuccess()).isEqualTo(new WaveSuccessCondition(1.0));
        Tally bothHold = new Tally(4, 0, 2, 2, 2);
        assertThat(conditions.pauseReason(bothHold, 0, new Tally(2, 0, 2, 2, 2)))
                .contains("2 of 2 finished updates failed");
        assertThat(conditions.pauseReason(new Tally(4, 0, 1, 1, 1), 0, new Tally(1, 0, 1, 1, 1)))
                .contains("wave 0 ended below the success share 1.0");
        assertThat(conditions.pauseReason(new Tally(4, 2, 0, 2, 2), 0, new Tally(2, 2, 0, 2, 2))).isEmpty();
    }
}
