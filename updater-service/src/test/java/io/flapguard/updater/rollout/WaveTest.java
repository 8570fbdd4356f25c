package io.flapguard.updater.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.ResultStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One wave on its own: what counts as success, failure and ended, and when it is complete. */
class WaveTest {
    final RolloutPolicy policy = new RolloutPolicy(1, 2, 10, 0.5, 0.5, 2, Duration.ofMinutes(30), false, false,
            Optional.empty());
    final Rollout rollout = new Rollout("EG12EAPAR01A12M4G", policy, RolloutConditions.of(policy));

    Wave waveOf(ResultStatus... statuses) {
        Wave wave = new Wave(3);
        for (ResultStatus s : statuses) {
            RolloutMember m = rollout.join("cmd-" + s, "serial-" + s);
            m.status = s;
            wave.add(m);
        }
        return wave;
    }

    @Test
    void membersJoiningAWaveAreNumberedWithIt() {
        Wave wave = waveOf(ResultStatus.QUEUED);
        assertThat(wave.index()).isEqualTo(3);
        assertThat(wave.members()).allSatisfy(m -> assertThat(m.wave).isEqualTo(3));
    }

    @Test
    void itsTallyCountsTerminalFailuresOnlyAndCancelledAsEndedNotFinished() {
        Wave wave = waveOf(ResultStatus.SUCCEEDED, ResultStatus.ALREADY_ON_TARGET, ResultStatus.DRY_RUN_PASSED,
                ResultStatus.FAILED, ResultStatus.TIMED_OUT, ResultStatus.REFUSED_HOST_KEY,
                ResultStatus.REFUSED_VALIDATION, ResultStatus.CANCELLED, ResultStatus.QUEUED, ResultStatus.IN_PROGRESS);

        assertThat(wave.tally()).isEqualTo(new Tally(10, 3, 4, 7, 8));
        assertThat(wave.hasEnded()).isFalse();
    }

    @Test
    void itIsCompleteOnceItsSuccessesReachTheShareEvenWhileOthersRun() {
        WaveSuccessCondition half = new WaveSuccessCondition(0.5);
        assertThat(waveOf(ResultStatus.SUCCEEDED, ResultStatus.IN_PROGRESS, ResultStatus.QUEUED).isComplete(half))
                .as("1 of 3 < ceil(1.5)").isFalse();
        Wave two = waveOf(ResultStatus.SUCCEEDED, ResultStatus.DRY_RUN_PASSED, ResultStatus.IN_PROGRESS);
        assertThat(two.isComplete(half)).isTrue();
        assertThat(two.hasEnded()).isFalse();
        assertThat(new Wave(0).isComplete(half)).as("an empty wave (resumed past) is complete").isTrue();
        assertThat(new Wave(0).hasEnded()).isTrue();
    }

    @Test
    void itsViewShowsRunningSucceededAndFailedMembers() {
        Wave wave = waveOf(ResultStatus.SUCCEEDED, ResultStatus.FAILED, ResultStatus.IN_PROGRESS);
        assertThat(wave.view(4, new WaveSuccessCondition(0.5), true))
                .isEqualTo(new RolloutView.WaveView(3, 4, 3, 1, 1, 1, false, true));
    }
}
