package io.flapguard.analyzer.domain;

import java.util.TreeMap;

/**
 * Fleet-wide sums for every cohort of one modem model, kept equal to the sum of its routers' latest summaries
 * ({@link FleetUpdate.Kind#MEMBER}): a new summary replaces the router's previous one, so replays change nothing.
 * Plus verification outcomes per firmware.
 */
public final class ModelStats {
    public TreeMap<String, CohortCounts> cohorts = new TreeMap<>();
    public TreeMap<String, Outcomes> outcomes = new TreeMap<>();

    /** One cohort's sums. */
    public static final class CohortCounts {
        public String routerModel;
        public String routerFirmware;
        public String modemFirmware;
        /** Settled unexplained incidents of its routers while in the cohort. */
        public long incidents;
        /** Of those, the incidents in which the modem left the USB bus (0 in aggregates of earlier versions). */
        public long modemSide;
        public double routerDays;
        /** Routers observed long enough to count, and of those, flappers. */
        public int routers;
        public int flappers;
        /** Routers with any summary in the cohort. */
        public int members;
    }

    /** Verified / failed-to-fix updates to one firmware. */
    public static final class Outcomes {
        public int verified;
        public int failedToFix;
    }

    /**
     * Replaces a router's summary ({@code previous} may be null) by {@code next}; a router counts as observed once
     * its days in the cohort reach {@code minObservedDays}.
     */
    public void replace(FleetUpdate previous, FleetUpdate next, double minObservedDays, int maxCohorts) {
        if (previous != null) {
            add(previous, -1, minObservedDays, maxCohorts);
        }
        add(next, 1, minObservedDays, maxCohorts);
    }

    /**
     * Beyond {@code maxCohorts} cohorts, new ones are counted together in one "unrecognised" cohort (cohorts are
     * never removed, so a summary always lands where the one it replaces did).
     */
    private void add(FleetUpdate u, int sign, double minObservedDays, int maxCohorts) {
        String key = u.cohortKey();
        boolean overflow = !cohorts.containsKey(key) && cohorts.size() >= maxCohorts;
        String other = ReportedValues.UNRECOGNISED;
        CohortCounts c = cohorts.computeIfAbsent(overflow ? other + "|" + other + "|" + u.modemModel() + "|" + other
                : key, k -> {
            CohortCounts n = new CohortCounts();
            n.routerModel = overflow ? other : u.routerModel();
            n.routerFirmware = overflow ? other : u.routerFirmware();
            n.modemFirmware = overflow ? other : u.modemFirmware();
            return n;
        });
        c.members += sign;
        c.incidents += sign * (long) u.unexplained();
        c.modemSide += sign * (long) u.modemSide();
        c.routerDays += sign * u.days();
        if (u.days() >= minObservedDays) {
            c.routers += sign;
            if (u.flapper()) {
                c.flappers += sign;
            }
        }
    }

    public void outcome(FleetUpdate u) {
        Outcomes o = outcomes.computeIfAbsent(u.modemFirmware(), f -> new Outcomes());
        if (u.kind() == FleetUpdate.Kind.VERIFIED) {
            o.verified++;
        } else {
            o.failedToFix++;
        }
    }
}
