package io.flapguard.analyzer.domain;

/**
 * The watch after an update was reported done: a penalty of its own from the incidents since, judged against the
 * flapping threshold over the verification period on the router's event time.
 */
public final class Verification {
    String target;
    long start;
    double penalty;
    long penaltyAt;
    VerificationOutcome outcome = VerificationOutcome.NONE;
    long decidedAt;
    /** Wall-clock time the update result arrived: bounds how long a silent router is watched. */
    long arrivedWall;

    public String target() {
        return target;
    }

    public long start() {
        return start;
    }

    public VerificationOutcome outcome() {
        return outcome;
    }

    public long decidedAt() {
        return decidedAt;
    }

    boolean watching() {
        return outcome == VerificationOutcome.WATCHING;
    }

    void begin(String target, long start, long wallNow) {
        this.target = target;
        this.start = start;
        this.penalty = 0;
        this.penaltyAt = start;
        this.outcome = VerificationOutcome.WATCHING;
        this.arrivedWall = wallNow;
    }

    void decide(VerificationOutcome verdict, long at) {
        outcome = verdict;
        decidedAt = at;
    }
}
