package io.flapguard.updater.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.ResultStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One rollout on its own: how its waves open, when it pauses itself, and the operators' decisions. */
class RolloutTest {
    static final String T = "EG12EAPAR01A12M4G";

    /** Canary of 1, waves doubling, every wave must fully succeed, pause above half failed once 2 finished. */
    static RolloutPolicy policy(boolean approval) {
        return new RolloutPolicy(1, 2, 100, 1.0, 0.5, 2, Duration.ofMinutes(30), approval, false, Optional.empty());
    }

    static Rollout rollout(RolloutPolicy policy, int members) {
        Rollout r = new Rollout(T, policy, RolloutConditions.of(policy));
        for (int i = 0; i < members; i++) {
            r.join("cmd-" + i, "serial-" + i);
        }
        return r;
    }

    static void end(List<RolloutMember> ms, ResultStatus status) {
        ms.forEach(m -> m.status = status);
    }

    static List<String> ids(List<RolloutMember> ms) {
        return ms.stream().map(m -> m.commandId).toList();
    }

    @Test
    void theCanaryOpensFirstAndTheNextWaveOnlyOnceItsSuccessConditionIsMet() {
        Rollout r = rollout(policy(false), 7);
        assertThat(r.id()).isEqualTo("rollout-" + T);

        assertThat(r.openWaveIfDue()).isZero();
        assertThat(ids(r.membersUpTo(0))).containsExactly("cmd-0");
        assertThat(r.openWaveIfDue()).as("canary not yet succeeded").isZero();

        end(r.membersUpTo(0), ResultStatus.SUCCEEDED);
        assertThat(r.openWaveIfDue()).isEqualTo(1);
        assertThat(ids(r.membersUpTo(1))).containsExactly("cmd-0", "cmd-1", "cmd-2");
        end(r.membersUpTo(1), ResultStatus.ALREADY_ON_TARGET);
        assertThat(r.openWaveIfDue()).isEqualTo(2);
        assertThat(r.membersUpTo(2)).hasSize(7);
        end(r.membersUpTo(2), ResultStatus.SUCCEEDED);

        assertThat(r.openWaveIfDue()).isEqualTo(2);
        assertThat(r.state()).isEqualTo(RolloutState.COMPLETED);
    }

    @Test
    void aWaveEndingBelowItsShareIsAPauseOnFailuresThatAResumeGetsPast() {
        Rollout r = rollout(policy(false), 5);
        r.openWaveIfDue();
        end(r.membersUpTo(0), ResultStatus.FAILED);

        r.evaluate();

        assertThat(r.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(r.pausedOnFailures()).isTrue();
        assertThat(r.halted()).isTrue();
        assertThat(r.view().pausedReason()).isEqualTo("wave 0 ended below the success share 1.0");

        assertThat(r.resume()).isTrue();
        assertThat(r.pausedOnFailures()).isFalse();
        assertThat(r.openWaveIfDue()).as("the failed canary counts as done: an empty wave 1, then wave 2")
                .isEqualTo(2);
        assertThat(ids(r.membersUpTo(2))).containsExactly("cmd-0", "cmd-1", "cmd-2", "cmd-3", "cmd-4");
    }

    @Test
    void aPersonsPauseIsNoPauseOnFailuresAndACancelledRolloutCannotBePaused() {
        Rollout r = rollout(policy(false), 2);
        assertThat(r.pause("freeze")).isTrue();
        assertThat(r.pausedOnFailures()).isFalse();
        assertThat(r.view().pausedReason()).isEqualTo("freeze");

        r.cancel();
        assertThat(r.pause("again")).isFalse();
        assertThat(r.resume()).as("only a paused rollout resumes").isFalse();
    }

    @Test
    void withApprovalEveryWaveWaitsForIt() {
        Rollout r = rollout(policy(true), 3);
        assertThat(r.openWaveIfDue()).isEqualTo(-1);
        assertThat(r.state()).isEqualTo(RolloutState.WAITING_FOR_APPROVAL);

        r.approveNext();
        assertThat(r.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(r.openWaveIfDue()).isZero();
        end(r.membersUpTo(0), ResultStatus.SUCCEEDED);
        assertThat(r.openWaveIfDue()).as("wave 1 not approved").isZero();
        assertThat(r.state()).isEqualTo(RolloutState.WAITING_FOR_APPROVAL);
        r.approveNext();
        assertThat(r.openWaveIfDue()).isEqualTo(1);
    }

    @Test
    void cancelEndsQueuedMembersAndLaterOnesAndReopenRevivesThemAll() {
        Rollout r = rollout(policy(false), 3);
        r.openWaveIfDue();
        r.membersUpTo(0).get(0).status = ResultStatus.IN_PROGRESS;

        assertThat(ids(r.cancel())).containsExactly("cmd-1", "cmd-2");
        RolloutMember late = r.join("cmd-9", "serial-9");
        assertThat(late.status).isEqualTo(ResultStatus.CANCELLED);
        assertThat(r.reopen().map(RolloutTest::ids)).contains(List.of("cmd-1", "cmd-2", "cmd-9"));
        assertThat(r.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(r.reopen()).as("not cancelled any more").isEmpty();
        assertThat(r.members().get(0).status).as("the running one was never cancelled").isEqualTo(ResultStatus.IN_PROGRESS);
    }

    @Test
    void itsDurableStateSurvivesARestartAsASnapshot() {
        Rollout before = rollout(policy(true), 3);
        before.approveNext();
        before.openWaveIfDue();
        before.pause("night");
        RolloutRecord saved = before.snapshot();

        Rollout after = rollout(policy(true), 3);
        after.place(after.members().get(0), 0);
        after.restore(saved);

        assertThat(after.snapshot()).isEqualTo(saved);
        assertThat(saved).isEqualTo(new RolloutRecord("rollout-" + T, T, RolloutState.PAUSED, "night",
                Set.of(0), 1, false));
    }
}
