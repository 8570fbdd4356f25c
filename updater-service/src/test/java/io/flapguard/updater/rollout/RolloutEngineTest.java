package io.flapguard.updater.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.ResultStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutEngineTest {
    static final String T = "EG12EAPAR01A12M4G";

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-03-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();

    static RolloutPolicy policy(int maxConcurrent, boolean approval, Optional<MaintenanceWindow> window) {
        return new RolloutPolicy(1, 2, maxConcurrent, 1.0, 0.5, 2, Duration.ofMinutes(30), approval, false, window);
    }

    RolloutEngine engineWith(RolloutPolicy policy, int commands) {
        RolloutEngine engine = new RolloutEngine(policy, clock);
        for (int i = 0; i < commands; i++) {
            engine.add("cmd-" + i, "serial-" + i, T);
        }
        return engine;
    }

    static List<String> ids(List<StartOrder> orders) {
        return orders.stream().map(StartOrder::commandId).toList();
    }

    @Test
    void canaryFirstThenWavesOfGrowingSize() {
        RolloutEngine engine = engineWith(policy(100, false, Optional.empty()), 7);
        assertThat(ids(engine.due())).containsExactly("cmd-0");
        assertThat(engine.due()).isEmpty();   // the canary must succeed first
        engine.finished("cmd-0", ResultStatus.SUCCEEDED);
        assertThat(ids(engine.due())).containsExactly("cmd-1", "cmd-2");
        engine.finished("cmd-1", ResultStatus.SUCCEEDED);
        assertThat(engine.due()).isEmpty();
        engine.finished("cmd-2", ResultStatus.ALREADY_ON_TARGET);
        assertThat(ids(engine.due())).containsExactly("cmd-3", "cmd-4", "cmd-5", "cmd-6");
        List.of("cmd-3", "cmd-4", "cmd-5", "cmd-6").forEach(id -> engine.finished(id, ResultStatus.SUCCEEDED));
        engine.due();
        RolloutView view = engine.rollouts().get(0);
        assertThat(view.state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(view.waves()).extracting(RolloutView.WaveView::members).containsExactly(1, 2, 4);
    }

    @Test
    void aPauseByTheFailureRulesIsToldApartFromAPersonsPauseAndSurvivesARestart() {
        RolloutEngine engine = engineWith(policy(10, false, Optional.empty()), 3);
        String id = "rollout-" + T;
        engine.due();
        engine.finished("cmd-0", ResultStatus.FAILED);   // the canary fails: wave 0 ends below its share
        assertThat(engine.pausedOnFailures(id)).isTrue();
        assertThat(engine.rollouts().get(0).pausedOnFailures()).isTrue();

        RolloutEngine restarted = engineWith(policy(10, false, Optional.empty()), 3);
        restarted.restoreRollout(engine.snapshot(id).orElseThrow());
        assertThat(restarted.pausedOnFailures(id)).as("kept across a restart").isTrue();

        assertThat(engine.resume(id)).isTrue();
        assertThat(engine.pausedOnFailures(id)).isFalse();
        assertThat(engine.pause(id, "holiday freeze")).isTrue();
        assertThat(engine.pausedOnFailures(id)).as("a person paused it").isFalse();
    }

    @Test
    void concurrencyIsCappedAcrossTheWave() {
        RolloutEngine engine = new RolloutEngine(new RolloutPolicy(10, 2, 3, 1.0, 0.5, 2, Duration.ofMinutes(30),
                false, false, Optional.empty()), clock);
        for (int i = 0; i < 10; i++) {
            engine.add("cmd-" + i, "serial-" + i, T);
        }
        assertThat(engine.due()).hasSize(3);
        assertThat(engine.due()).isEmpty();
        engine.finished("cmd-0", ResultStatus.SUCCEEDED);
        assertThat(ids(engine.due())).containsExactly("cmd-3");
        assertThat(engine.running()).isEqualTo(3);
    }

    @Test
    void failureShareAboveThresholdPausesTheRollout() {
        RolloutEngine engine = new RolloutEngine(new RolloutPolicy(4, 2, 10, 0.5, 0.5, 2, Duration.ofMinutes(30),
                false, false, Optional.empty()), clock);
        for (int i = 0; i < 12; i++) {
            engine.add("cmd-" + i, "serial-" + i, T);
        }
        assertThat(engine.due()).hasSize(4);
        engine.finished("cmd-0", ResultStatus.FAILED);
        engine.finished("cmd-1", ResultStatus.TIMED_OUT);
        RolloutView view = engine.rollouts().get(0);
        assertThat(view.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(view.pausedReason()).contains("2 of 2");
        engine.finished("cmd-2", ResultStatus.SUCCEEDED);
        engine.finished("cmd-3", ResultStatus.SUCCEEDED);
        assertThat(engine.due()).isEmpty();
        assertThat(engine.resume(view.id())).isTrue();
        assertThat(engine.due()).hasSize(8);
    }

    @Test
    void anUpdatePastItsDeadlineCountsAsTimedOutAndItsLateResultIsIgnored() {
        RolloutEngine engine = engineWith(policy(10, false, Optional.empty()), 3);
        engine.due();
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(ids(engine.expire())).containsExactly("cmd-0");
        assertThat(engine.finished("cmd-0", ResultStatus.SUCCEEDED)).isFalse();
        RolloutView view = engine.rollouts().get(0);
        assertThat(view.failed()).isEqualTo(1);
        assertThat(view.state()).isEqualTo(RolloutState.PAUSED);   // the canary failed: the wave cannot complete
        assertThat(engine.due()).isEmpty();
    }

    @Test
    void updatesStartOnlyInsideTheMaintenanceWindow() {
        MaintenanceWindow window = new MaintenanceWindow(LocalTime.of(23, 0), Duration.ofHours(3), ZoneId.of("Europe/Vilnius"));
        RolloutEngine engine = engineWith(policy(10, false, Optional.of(window)), 2);
        clock.now = Instant.parse("2025-03-03T12:00:00Z");   // 14:00 in Vilnius
        assertThat(engine.due()).isEmpty();
        clock.now = Instant.parse("2025-03-03T22:30:00Z");   // 00:30 next day in Vilnius, window crosses midnight
        assertThat(ids(engine.due())).containsExactly("cmd-0");
        assertThat(window.isOpen(Instant.parse("2025-03-04T00:00:00Z"))).isFalse();   // 02:00 in Vilnius: closed
    }

    @Test
    void approvalModeHoldsEveryWaveUntilApproved() {
        RolloutEngine engine = engineWith(policy(10, true, Optional.empty()), 3);
        assertThat(engine.due()).isEmpty();
        RolloutView view = engine.rollouts().get(0);
        assertThat(view.state()).isEqualTo(RolloutState.WAITING_FOR_APPROVAL);
        engine.approve(view.id());
        assertThat(ids(engine.due())).containsExactly("cmd-0");
        engine.finished("cmd-0", ResultStatus.SUCCEEDED);
        assertThat(engine.due()).isEmpty();
        assertThat(engine.rollouts().get(0).state()).isEqualTo(RolloutState.WAITING_FOR_APPROVAL);
        engine.approve(view.id());
        assertThat(ids(engine.due())).containsExactly("cmd-1", "cmd-2");
    }

    @Test
    void cancelStopsQueuedCommandsAndDuplicatesAreIgnored() {
        RolloutEngine engine = engineWith(policy(10, false, Optional.empty()), 3);
        assertThat(engine.add("cmd-0", "serial-0", T)).isFalse();
        engine.due();
        String id = engine.rollouts().get(0).id();
        assertThat(ids(engine.cancel(id))).containsExactly("cmd-1", "cmd-2");
        engine.finished("cmd-0", ResultStatus.SUCCEEDED);
        assertThat(engine.due()).isEmpty();
        assertThat(engine.rollouts().get(0).state()).isEqualTo(RolloutState.CANCELLED);
    }

    @Test
    void aRequeuedMemberWaitsForItsTimeInItsWaveAndIsNoFailure() {
        RolloutEngine engine = engineWith(policy(100, false, Optional.empty()), 3);
        assertThat(ids(engine.due())).containsExactly("cmd-0");
        assertThat(engine.requeue("cmd-0", clock.now.plusSeconds(60))).isTrue();
        assertThat(engine.running()).isZero();
        assertThat(engine.due()).as("not before its retry time").isEmpty();
        assertThat(engine.rollouts().get(0).failed()).isZero();
        assertThat(engine.rollouts().get(0).state()).isEqualTo(RolloutState.RUNNING);
        clock.now = clock.now.plusSeconds(60);
        List<StartOrder> again = engine.due();
        assertThat(ids(again)).containsExactly("cmd-0");
        assertThat(again.get(0).wave()).isZero();
        engine.finished("cmd-0", ResultStatus.SUCCEEDED);
        assertThat(ids(engine.due())).containsExactly("cmd-1", "cmd-2");
        assertThat(engine.requeue("cmd-0", clock.now)).as("an ended member stays ended").isFalse();
    }
}
