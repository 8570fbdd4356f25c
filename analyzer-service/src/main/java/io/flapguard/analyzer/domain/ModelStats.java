package io.flapguard.analyzer.domain;

import java.util.TreeMap;

/** Fleet-wide counts for every cohort of one modem model, plus verification outcomes per firmware. */
public final class ModelStats {
    public TreeMap<String, CohortCounts> cohorts = new TreeMap<>();
    public TreeMap<String, Outcomes> outcomes = new TreeMap<>();

    /** One cohort's counts. */
    public static final class CohortCounts {
        public String routerModel;
        public String routerFirmware;
        public String modemFirmware;
        public long incidents;
        public long routerDays;
        /** Routers in the cohort now. */
        public int routers;
        /** Routers that were ever in the cohort: its incidents and router-days came from all of them. */
        public int routersSeen;
    }

    /** Verified / failed-to-fix updates to one firmware. */
    public static final class Outcomes {
        public int verified;
        public int failedToFix;
    }

    public void apply(FleetUpdate u) {
        if (u.kind() == FleetUpdate.Kind.VERIFIED || u.kind() == FleetUpdate.Kind.FAILED_TO_FIX) {
            Outcomes o = outcomes.computeIfAbsent(u.modemFirmware(), f -> new Outcomes());
            if (u.kind() == FleetUpdate.Kind.VERIFIED) {
                o.verified++;
            } else {
                o.failedToFix++;
            }
            return;
        }
        CohortCounts c = cohorts.computeIfAbsent(u.cohortKey(), k -> {
            CohortCounts n = new CohortCounts();
            n.routerModel = u.routerModel();
            n.routerFirmware = u.routerFirmware();
            n.modemFirmware = u.modemFirmware();
            return n;
        });
        switch (u.kind()) {
            case INCIDENT -> c.incidents++;
            case ROUTER_DAY -> c.routerDays++;
            case JOIN -> {
                c.routers++;
                c.routersSeen++;
            }
            case LEAVE -> c.routers = Math.max(0, c.routers - 1);
            default -> {
            }
        }
    }
}
