package io.flapguard.updater.rollout;

/**
 * How the members of a wave (or of a whole rollout) stand, the input of every rollout condition.
 *
 * @param members   all members
 * @param succeeded on target, or dry run passed
 * @param failed    terminal failures only (a member waiting for its retry is not one)
 * @param finished  terminal and not cancelled
 * @param ended     terminal, cancelled included
 */
public record Tally(int members, int succeeded, int failed, int finished, int ended) {
    /** Every member has ended. */
    public boolean allEnded() {
        return ended == members;
    }
}
