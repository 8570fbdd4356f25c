package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cohort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet attribution for one modem model: incidents per router-day for each cohort, compared with all other
 * cohorts of the same modem model (the baseline running at the same time, as Litmus/Kayenta do). A cohort
 * is implicated when the ratio reaches the threshold, its 95 % interval lies above 1, and both sides have
 * enough routers and router-days.
 */
public final class CohortAttribution {
    private final AnalyzerConfig.Attribution rules;

    public CohortAttribution(AnalyzerConfig.Attribution rules) {
        this.rules = rules;
    }

    public List<FleetFact.CohortFact> cohorts(String modemModel, ModelStats stats) {
        long allIncidents = 0;
        long allDays = 0;
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            allIncidents += c.incidents;
            allDays += c.routerDays;
        }
        List<FleetFact.CohortFact> facts = new ArrayList<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            Cohort cohort = new Cohort(c.routerModel, c.routerFirmware, modemModel, c.modemFirmware);
            double rate = c.routerDays == 0 ? 0 : (double) c.incidents / c.routerDays;
            long b = allIncidents - c.incidents;
            long db = allDays - c.routerDays;
            if (c.routerDays == 0 || db == 0) {
                facts.add(new FleetFact.CohortFact(cohort, c.incidents, c.routerDays, c.routers, rate, b, db,
                        null, null, null, false));
                continue;
            }
            RateRatio rr = RateRatio.of(c.incidents, c.routerDays, b, db);
            boolean implicated = rr.ratio() >= rules.rateRatio() && rr.low() > 1
                    // Evidence counts, not current members: fixing most of a bad cohort must not clear it.
                    && c.routersSeen >= rules.minRouters()
                    && c.routerDays >= rules.minRouterDays() && db >= rules.minRouterDays();
            facts.add(new FleetFact.CohortFact(cohort, c.incidents, c.routerDays, c.routers, rate, b, db,
                    rr.ratio(), rr.low(), rr.high(), implicated));
        }
        return facts;
    }

    /** Per modem firmware (all router firmware together), with verification outcomes: feeds the learned catalog. */
    public static FleetFact.ModelFact model(String modemModel, ModelStats stats) {
        Map<String, long[]> perFirmware = new TreeMap<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            long[] sums = perFirmware.computeIfAbsent(c.modemFirmware, f -> new long[2]);
            sums[0] += c.incidents;
            sums[1] += c.routerDays;
        }
        for (String fw : stats.outcomes.keySet()) {
            perFirmware.computeIfAbsent(fw, f -> new long[2]);
        }
        List<FleetFact.FirmwareFact> firmware = new ArrayList<>();
        perFirmware.forEach((fw, sums) -> {
            ModelStats.Outcomes o = stats.outcomes.getOrDefault(fw, new ModelStats.Outcomes());
            double rate = sums[1] == 0 ? 0 : (double) sums[0] / sums[1];
            firmware.add(new FleetFact.FirmwareFact(fw, sums[0], sums[1], rate, o.verified, o.failedToFix));
        });
        return new FleetFact.ModelFact(modemModel, firmware);
    }
}
