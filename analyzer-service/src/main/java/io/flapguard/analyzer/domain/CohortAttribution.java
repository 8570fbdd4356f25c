package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cohort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet attribution for one modem model, from unexplained incidents only (those no reboot, operator burst or poor
 * signal explains). Each cohort is compared with all other cohorts of the same modem model running at the same time
 * (the baseline, as Litmus/Kayenta do) by the share of observed routers that flap: a router counts once however bad
 * it is, so a handful of very bad routers can neither fake a cohort nor mask one. A cohort is implicated when it has
 * enough flapping routers, a baseline of enough observed routers, a share at least {@code min-share-ratio} times the
 * baseline's and a one-sided Fisher exact test at or below {@code max-p-value}. The pooled incident-rate ratio with
 * its 95 % interval is computed beside it, for people.
 */
public final class CohortAttribution {
    private final AnalyzerConfig.Attribution rules;

    public CohortAttribution(AnalyzerConfig.Attribution rules) {
        this.rules = rules;
    }

    public double minObservedDays() {
        return rules.minObserved().toMillis() / 86_400_000d;
    }

    public List<FleetFact.CohortFact> cohorts(String modemModel, ModelStats stats) {
        long allIncidents = 0;
        double allDays = 0;
        int allRouters = 0;
        int allFlappers = 0;
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            allIncidents += c.incidents;
            allDays += c.routerDays;
            allRouters += c.routers;
            allFlappers += c.flappers;
        }
        List<FleetFact.CohortFact> facts = new ArrayList<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            Cohort cohort = new Cohort(c.routerModel, c.routerFirmware, modemModel, c.modemFirmware);
            long b = allIncidents - c.incidents;
            double db = allDays - c.routerDays;
            int n2 = allRouters - c.routers;
            int b2 = allFlappers - c.flappers;
            double rate = c.routerDays <= 0 ? 0 : c.incidents / c.routerDays;
            RateRatio rr = c.routerDays > 0 && db > 0 ? RateRatio.of(c.incidents, c.routerDays, b, db) : null;
            double share = c.routers == 0 ? 0 : (double) c.flappers / c.routers;
            double baseShare = n2 == 0 ? 0 : (double) b2 / n2;
            double[] ci = ShareTest.wilson(c.flappers, c.routers);
            double[] baseCi = ShareTest.wilson(b2, n2);
            Double p = c.routers > 0 && n2 > 0 ? ShareTest.fisherUpperTail(c.flappers, c.routers, b2, n2) : null;
            String reason = reason(c, n2, share, baseShare, p);
            facts.add(new FleetFact.CohortFact(cohort, c.incidents, round(c.routerDays), c.routers, round(rate), b,
                    round(db), rr == null ? null : rr.ratio(), rr == null ? null : rr.low(),
                    rr == null ? null : rr.high(), reason.startsWith("implicated"), c.flappers, round(share),
                    round(ci[0]), round(ci[1]), n2, b2, round(baseShare), round(baseCi[1]),
                    p == null ? null : significant(p), reason));
        }
        return facts;
    }

    private String reason(ModelStats.CohortCounts c, int n2, double share, double baseShare, Double p) {
        if (c.flappers < rules.minFlappers()) {
            return "not implicated: " + c.flappers + " flapping routers (needs " + rules.minFlappers() + ")";
        }
        if (n2 < rules.minBaselineRouters()) {
            return "not implicated: baseline of " + n2 + " observed routers on other firmware (needs "
                    + rules.minBaselineRouters() + ")";
        }
        double ratio = share / Math.max(baseShare, 0.5 / n2);
        if (ratio < rules.minShareRatio()) {
            return "not implicated: flapping share " + pct(share) + " vs " + pct(baseShare) + " in the baseline";
        }
        if (p > rules.maxPValue()) {
            return "not implicated: shares " + pct(share) + " vs " + pct(baseShare) + " could be chance (p="
                    + significant(p) + ")";
        }
        return "implicated: " + c.flappers + " of " + c.routers + " observed routers flap (" + pct(share) + ") vs "
                + pct(baseShare) + " on other firmware, p=" + significant(p);
    }

    /** Per modem firmware (all router firmware together), with verification outcomes: feeds the learned catalog. */
    public static FleetFact.ModelFact model(String modemModel, ModelStats stats, List<FleetFact.CohortFact> cohorts) {
        Map<String, double[]> perFirmware = new TreeMap<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            double[] sums = perFirmware.computeIfAbsent(c.modemFirmware, f -> new double[4]);
            sums[0] += c.incidents;
            sums[1] += c.routerDays;
            sums[2] += c.routers;
            sums[3] += c.flappers;
        }
        for (String fw : stats.outcomes.keySet()) {
            perFirmware.computeIfAbsent(fw, f -> new double[4]);
        }
        List<FleetFact.FirmwareFact> firmware = new ArrayList<>();
        perFirmware.forEach((fw, sums) -> {
            ModelStats.Outcomes o = stats.outcomes.getOrDefault(fw, new ModelStats.Outcomes());
            double rate = sums[1] <= 0 ? 0 : sums[0] / sums[1];
            firmware.add(new FleetFact.FirmwareFact(fw, (long) sums[0], round(sums[1]), round(rate), (int) sums[2],
                    (int) sums[3], o.verified, o.failedToFix));
        });
        List<Cohort> implicated = cohorts.stream().filter(FleetFact.CohortFact::implicated)
                .map(FleetFact.CohortFact::cohort).toList();
        return new FleetFact.ModelFact(modemModel, firmware, implicated);
    }

    private static String pct(double share) {
        return Math.round(share * 100) + " %";
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000d;
    }

    private static double significant(double p) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", p));
    }
}
