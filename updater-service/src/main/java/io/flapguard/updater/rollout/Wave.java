package io.flapguard.updater.rollout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One wave of a rollout (hawkBit's rollout group): wave 0 is the canary. It is complete when its
 * {@link WaveSuccessCondition} is met, and ended when every member has.
 */
final class Wave {
    private final int index;
    private final List<RolloutMember> members = new ArrayList<>();

    Wave(int index) {
        this.index = index;
    }

    int index() {
        return index;
    }

    void add(RolloutMember member) {
        member.wave = index;
        members.add(member);
    }

    List<RolloutMember> members() {
        return members;
    }

    Tally tally() {
        return tally(members);
    }

    boolean isComplete(WaveSuccessCondition success) {
        return success.isMet(tally());
    }

    boolean hasEnded() {
        return tally().allEnded();
    }

    RolloutView.WaveView view(int plannedSize, WaveSuccessCondition success, boolean approved) {
        return new RolloutView.WaveView(index, plannedSize, members.size(),
                (int) members.stream().filter(RolloutMember::running).count(),
                (int) members.stream().filter(RolloutMember::succeeded).count(),
                (int) members.stream().filter(RolloutMember::failed).count(), isComplete(success), approved);
    }

    /** How {@code ms} stand: the input of every rollout condition. */
    static Tally tally(Collection<RolloutMember> ms) {
        int succeeded = 0;
        int failed = 0;
        int finished = 0;
        int ended = 0;
        for (RolloutMember m : ms) {
            succeeded += m.succeeded() ? 1 : 0;
            failed += m.failed() ? 1 : 0;
            finished += m.status.isTerminal() && m.status != io.flapguard.wire.ResultStatus.CANCELLED ? 1 : 0;
            ended += m.status.isTerminal() ? 1 : 0;
        }
        return new Tally(ms.size(), succeeded, failed, finished, ended);
    }
}
