package io.flapguard.analyzer.domain;

/**
 * The second way a router counts as flapping in its cohort's share (the first: its unexplained incidents alone
 * crossed the flap penalty): its modem left the USB bus twice within a short window, neither time at a reboot, in an
 * operator burst or with poor signal. A router flapping once or twice a day reaches this within a day or two, long
 * before three drops fall close enough together for the penalty. On good firmware a modem leaves the bus without a
 * reboot only when gsmd resets a hung modem or the USB link glitches: rare, independent events, so two of them within
 * a day on one router are rarer still. Whatever that rate really is, the cohort's baseline is counted the same way,
 * so the share test compares like with like.
 */
final class CohortFlapping {
    private CohortFlapping() {
    }

    /**
     * Whether settled modem-side incident {@code i} has another settled modem-side incident of the same membership
     * (started at or after {@code since}) within {@code windowMs} of it.
     */
    static boolean repeatedModemSide(Incidents in, int i, long since, long windowMs) {
        if (windowMs <= 0) {
            return false;
        }
        long t = in.start(i);
        for (int j = 0; j < in.size(); j++) {
            if (j != i && in.classOf(j) == IncidentClass.MODEM && in.start(j) >= since
                    && Math.abs(in.start(j) - t) <= windowMs) {
                return true;
            }
        }
        return false;
    }
}
