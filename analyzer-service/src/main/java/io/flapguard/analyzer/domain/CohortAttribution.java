package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cohort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fleet attribution for one modem model, from the routers' firmware signatures (incidents no reboot, operator burst
 * or poor signal explains). Each cohort is compared with the routers of the same modem model on other modem firmware
 * running at the same time (the baseline, as Litmus/Kayenta do) by the share of observed routers that flap: a router
 * counts once however bad it is, so a handful of very bad routers can neither fake a cohort nor mask one. A group is
 * implicated when it has enough flapping routers, a baseline of enough observed routers, a share at least
 * {@code min-share-ratio} times the baseline's and a one-sided Fisher exact test at or below {@code max-p-value}.
 * The pooled incident-rate ratio with its 95 % interval is computed beside it, for people.
 */
public final class CohortAttribution {
    private final AnalyzerConfig.Attribution rules;

    public CohortAttribution(AnalyzerConfig.Attribution rules) {
        this.rules = rules;
    }

    public double minObservedDays() {
        return rules.minObserved().toMillis() / 86_400_000d;
    }

    /** Sums over a group of routers: observed routers, flappers, unexplained incidents, router-days. */
    private static final class Sums {
        int routers;
        int flappers;
        long incidents;
        long modemSide;
        double days;

        void add(Sums o) {
            routers += o.routers;
            flappers += o.flappers;
            incidents += o.incidents;
            modemSide += o.modemSide;
            days += o.days;
        }

        void subtract(Sums o) {
            routers -= o.routers;
            flappers -= o.flappers;
            incidents -= o.incidents;
            modemSide -= o.modemSide;
            days -= o.days;
        }

        void add(ModelStats.CohortCounts c, int sign) {
            routers += sign * c.routers;
            flappers += sign * c.flappers;
            incidents += sign * c.incidents;
            modemSide += sign * c.modemSide;
            days += sign * c.routerDays;
        }

        double share() {
            return routers == 0 ? 0 : (double) flappers / routers;
        }
    }

    /** The share test of a group against its baseline: null when it passes, else why not. */
    private String notImplicated(Sums group, Sums baseline, Double p) {
        if (group.flappers < rules.minFlappers()) {
            return group.flappers + " flapping routers (needs " + rules.minFlappers() + ")";
        }
        if (baseline.routers < rules.minBaselineRouters()) {
            return "a baseline of " + baseline.routers + " observed routers on other firmware (needs "
                    + rules.minBaselineRouters() + ")";
        }
        if (group.share() / Math.max(baseline.share(), 0.5 / baseline.routers) < rules.minShareRatio()) {
            return "flapping share " + pct(group.share()) + " vs " + pct(baseline.share()) + " on other firmware";
        }
        if (p > rules.maxPValue()) {
            return "shares " + pct(group.share()) + " vs " + pct(baseline.share()) + " could be chance (p="
                    + significant(p) + ")";
        }
        return null;
    }

    private static Double fisher(Sums group, Sums baseline) {
        return group.routers > 0 && baseline.routers > 0
                ? ShareTest.fisherUpperTail(group.flappers, group.routers, baseline.flappers, baseline.routers) : null;
    }

    /**
     * Every cohort of the modem model, each against the routers of that model on other modem firmware. A cohort is
     * implicated by its own test, or — when it is too small to decide alone — by its modem firmware's test over all
     * router models and router firmware, as long as its own flapping share is at least half the firmware's (a
     * firmware bad only with new router firmware does not implicate its cohorts on old router firmware).
     */
    public List<FleetFact.CohortFact> cohorts(String modemModel, ModelStats stats) {
        Sums all = new Sums();
        Map<String, Sums> perFirmware = new TreeMap<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            all.add(c, 1);
            perFirmware.computeIfAbsent(c.modemFirmware, f -> new Sums()).add(c, 1);
        }
        Map<String, String> firmwareVerdict = new TreeMap<>();
        perFirmware.forEach((fw, sums) -> {
            Sums baseline = new Sums();
            baseline.add(all);
            baseline.subtract(sums);
            firmwareVerdict.put(fw, notImplicated(sums, baseline, fisher(sums, baseline)));
        });
        List<FleetFact.CohortFact> facts = new ArrayList<>();
        for (ModelStats.CohortCounts c : stats.cohorts.values()) {
            Cohort cohort = new Cohort(c.routerModel, c.routerFirmware, modemModel, c.modemFirmware);
            Sums own = new Sums();
            own.add(c, 1);
            Sums firmware = perFirmware.get(c.modemFirmware);
            Sums baseline = new Sums();
            baseline.add(all);
            baseline.subtract(firmware);
            Double p = fisher(own, baseline);
            String ownVerdict = notImplicated(own, baseline, p);
            String fwVerdict = firmwareVerdict.get(c.modemFirmware);
            // Only a full cohort: a router that does not report its router model must not implicate itself.
            boolean partial = c.routerModel == null || c.routerFirmware == null;
            boolean byFirmware = ownVerdict != null && fwVerdict == null && !partial && own.flappers > 0
                    && own.share() >= 0.5 * firmware.share();
            String reason = ownVerdict == null
                    ? "implicated: " + c.flappers + " of " + c.routers + " observed routers flap (" + pct(own.share())
                            + ") vs " + pct(baseline.share()) + " on other firmware of " + modemModel + ", p="
                            + significant(p)
                    : byFirmware
                            ? "implicated with its firmware: " + c.modemFirmware + " flaps on " + firmware.flappers
                                    + " of " + firmware.routers + " observed routers vs " + pct(baseline.share())
                                    + " on other firmware; this cohort " + c.flappers + " of " + c.routers
                            : "not implicated: " + ownVerdict;
            double rate = c.routerDays <= 0 ? 0 : c.incidents / c.routerDays;
            RateRatio rr = c.routerDays > 0 && baseline.days > 0
                    ? RateRatio.of(c.incidents, c.routerDays, baseline.incidents, baseline.days) : null;
            double[] ci = ShareTest.wilson(c.flappers, c.routers);
            double[] baseCi = ShareTest.wilson(baseline.flappers, baseline.routers);
            facts.add(new FleetFact.CohortFact(cohort, c.incidents, round(c.routerDays), c.routers, round(rate),
                    baseline.incidents, round(baseline.days), rr == null ? null : rr.ratio(),
                    rr == null ? null : rr.low(), rr == null ? null : rr.high(), ownVerdict == null || byFirmware,
                    c.flappers, round(own.share()), round(ci[0]), round(ci[1]), baseline.routers, baseline.flappers,
                    round(baseline.share()), round(baseCi[1]), p == null ? null : significant(p), reason,
                    baseline.modemSide));
        }
        return facts;
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
