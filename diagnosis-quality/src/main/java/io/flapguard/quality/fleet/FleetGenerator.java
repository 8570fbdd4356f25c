package io.flapguard.quality.fleet;

import io.flapguard.quality.fleet.Happening.DataDrop;
import io.flapguard.quality.fleet.Happening.DropKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a fleet from a seed, independent of the project's seed scenario and of the analyzer (it knows only
 * the router contract and what real RUTX fleets do). Confounders: poor-signal routers in every cohort, operator
 * outages across firmware, power loss and reboots, routers whose router firmware is upgraded mid-window (and then
 * start flapping), routers already flapping when observation starts, modems flashed by someone else, a second
 * modem family, agent-less routers, buffered, late and duplicate delivery, unclassified lines and refused
 * messages.
 */
public final class FleetGenerator {
    private static final long S = 1_000;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;
    private static final String[] OPERATORS = {"Telia LT", "o2 - de", "DNA", "Vodafone DE", "Elisa", "Orange F"};
    private static final Instant EPOCH = Instant.parse("2026-03-02T00:00:00Z");

    private FleetGenerator() {
    }

    public static Fleet generate(long seed) {
        return generate(FleetParams.draw(seed));
    }

    /** Mutable while the fleet is drawn; becomes a {@link RouterPlan}. */
    private static final class Draft {
        String serial;
        ModemFamily family;
        String routerModel;
        String operator;
        boolean agent;
        boolean bad;
        boolean flapper;
        boolean poorSignal;
        boolean queueStatus;
        boolean powerFlaky;
        boolean faultyModem;
        /** Flaps a day of a slow flapper (0: flaps at the seed's usual rate). */
        double slowPerDay;
        String routerFw;
        long upgradeAt = -1;
        long externalFixAt = -1;
        final List<String> profile = new ArrayList<>();
        final List<Happening> happenings = new ArrayList<>();
    }

    public static Fleet generate(FleetParams fp) {
        SplittableRandom r = new SplittableRandom(fp.seed());
        long start = EPOCH.plus(Duration.ofDays(r.nextInt(0, 200))).toEpochMilli();
        long end = start + fp.days() * D;
        List<String> operators = pickOperators(r, fp.operators());
        double[] opWeights = new double[operators.size()];
        for (int i = 0; i < opWeights.length; i++) {
            opWeights[i] = 0.3 + r.nextDouble();
        }
        List<Draft> drafts = new ArrayList<>();
        Set<String> serials = new HashSet<>();
        for (int i = 0; i < fp.routers(); i++) {
            Draft d = new Draft();
            do {
                d.serial = "11" + String.format("%08d", r.nextInt(100_000_000));
            } while (!serials.add(d.serial));
            double f = r.nextDouble();
            d.family = f < fp.rg501qShare() ? ModemFamily.RG501Q
                    : f < fp.rg501qShare() + fp.eg06Share() ? ModemFamily.EG06 : ModemFamily.EG12;
            d.routerModel = d.family.routerModels().get(r.nextInt(d.family.routerModels().size()));
            d.operator = operators.get(weighted(r, opWeights));
            d.agent = r.nextDouble() >= fp.agentlessShare();
            double badShare = switch (d.family) {
                case EG12 -> fp.eg12BadShare();
                case EG06 -> fp.eg06BadShare();
                case RG501Q -> 0;
            };
            d.bad = r.nextDouble() < badShare;
            d.routerFw = r.nextDouble() < fp.newRouterFwShare() ? ModemFamily.NEW_ROUTER_FW
                    : ModemFamily.OLD_ROUTER_FW_PREFIX + (r.nextBoolean() ? "4" : "6");
            d.flapper = d.bad && r.nextDouble() < fp.flappingShare();
            d.profile.add(d.bad ? (d.flapper ? "bad" : "bad-lucky") : "good");
            if (d.routerFw.startsWith(ModemFamily.OLD_ROUTER_FW_PREFIX) && r.nextDouble() < fp.midWindowUpgradeShare()) {
                d.upgradeAt = start + D / 2 + (long) (r.nextDouble() * (end - start - 2 * D));
                d.happenings.add(new Happening.RouterUpgrade(d.upgradeAt, ModemFamily.NEW_ROUTER_FW));
                d.profile.add("router-upgrade");
            }
            drafts.add(d);
        }
        assignPoorSignal(r, fp, drafts);
        assignPowerFlaky(r, fp, drafts);
        // A stream of its own, so the fleets drawn before these confounders existed stay as they were.
        SplittableRandom extra = new SplittableRandom(RouterHistory.mix(fp.seed(), 0x5EED_0F_0AL));
        assignSlowFlappers(extra, fp, drafts);
        List<RouterPlan> plans = new ArrayList<>();
        Map<String, Draft> bySerial = new LinkedHashMap<>();
        for (Draft d : drafts) {
            bySerial.put(d.serial, d);
            schedule(r, extra, fp, d, start, end);
        }
        modemResets(extra, fp, drafts, start, end);
        externalFixes(r, fp, drafts, start, end);
        outages(r, fp, operators, drafts, start, end);
        noise(r, fp, drafts, start, end);
        for (Draft d : drafts) {
            plans.add(plan(r, fp, d, start, end));
        }
        Map<String, RouterTruth> truth = new LinkedHashMap<>();
        Map<String, List<MqttMessage>> messages = new LinkedHashMap<>();
        int intended = 0;
        for (RouterPlan plan : plans) {
            RouterRenderer.Rendered rendered = RouterRenderer.render(plan);
            messages.put(plan.serial(), rendered.messages());
            intended += rendered.tally().noiseSent;
            truth.put(plan.serial(), truth(bySerial.get(plan.serial()), rendered.tally()));
        }
        return new Fleet(fp, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), List.copyOf(plans), truth,
                messages, intended);
    }

    private static List<String> pickOperators(SplittableRandom r, int n) {
        List<String> pool = new ArrayList<>(List.of(OPERATORS));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.remove(r.nextInt(pool.size())));
        }
        return out;
    }

    private static int weighted(SplittableRandom r, double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    /** Poor signal in every cohort (the good ones too), at the seed's share, at least one per cohort of 3+. */
    private static void assignPoorSignal(SplittableRandom r, FleetParams fp, List<Draft> drafts) {
        Map<String, List<Draft>> cohorts = new LinkedHashMap<>();
        for (Draft d : drafts) {
            String key = d.routerModel + "|" + d.routerFw + "|" + (d.bad ? d.family.badFirmware() : d.family.goodFirmware());
            cohorts.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        for (List<Draft> cohort : cohorts.values()) {
            int n = cohort.size();
            int poor = n < 3 ? (r.nextDouble() < fp.poorSignalShare() * n ? 1 : 0)
                    : Math.max(1, (int) Math.round(fp.poorSignalShare() * n));
            List<Draft> pool = new ArrayList<>(cohort);
            for (int i = 0; i < poor && !pool.isEmpty(); i++) {
                Draft d = pool.remove(r.nextInt(pool.size()));
                d.poorSignal = true;
                d.profile.add("poor-signal");
            }
        }
    }

    /** Power-flaky routers at the seed's share, and always at least one on good firmware. */
    private static void assignPowerFlaky(SplittableRandom r, FleetParams fp, List<Draft> drafts) {
        boolean good = false;
        for (Draft d : drafts) {
            d.powerFlaky = r.nextDouble() < fp.powerFlakyShare();
            good |= d.powerFlaky && !d.bad;
        }
        List<Draft> candidates = drafts.stream().filter(d -> !d.bad && !d.poorSignal).toList();
        if (!good && !candidates.isEmpty()) {
            candidates.get(r.nextInt(candidates.size())).powerFlaky = true;
        }
    }

    /** Poisson times at {@code perDay} over [from, to). */
    private static List<Long> poisson(SplittableRandom r, double perDay, long from, long to) {
        List<Long> times = new ArrayList<>();
        if (perDay <= 0) {
            return times;
        }
        long t = from;
        while (true) {
            t += (long) (-Math.log(1 - r.nextDouble()) * D / perDay);
            if (t >= to) {
                return times;
            }
            times.add(t);
        }
    }

    private static void schedule(SplittableRandom r, SplittableRandom extra, FleetParams fp, Draft d, long start,
            long end) {
        if (d.flapper) {
            double perDay = fp.minFlapsPerDay() + r.nextDouble() * (fp.maxFlapsPerDay() - fp.minFlapsPerDay());
            // a router upgraded mid-window starts flapping some hours after the upgrade; others already flap
            long from = d.upgradeAt >= 0 ? d.upgradeAt + (long) (r.nextDouble() * 8 * H) : start;
            List<Happening> flaps = flaps(r, perDay, from, end);
            // a slow flapper's flaps come from the other stream; the usual ones are still drawn to keep r's sequence
            d.happenings.addAll(d.slowPerDay > 0 ? flaps(extra, d.slowPerDay, from, end) : flaps);
        }
        if (d.poorSignal) {
            double perDay = 2 + r.nextDouble() * 8;
            for (long t : poisson(r, perDay, start, end)) {
                d.happenings.add(new DataDrop(t, (20 + r.nextInt(460)) * S, DropKind.RADIO));
            }
        }
        if (d.powerFlaky) {
            d.profile.add("power-flaky");
            for (long t : poisson(r, 1 + r.nextDouble() * 3, start, end)) {
                d.happenings.add(new Happening.PowerCycle(t, (20 + r.nextInt(580)) * S));
            }
        } else if (r.nextDouble() < fp.rareRebootShare()) {
            d.happenings.add(new Happening.PowerCycle(start + (long) (r.nextDouble() * (end - start)),
                    (20 + r.nextInt(300)) * S));
        }
        if (!d.poorSignal && r.nextDouble() < fp.isolatedDropShare()) {
            d.profile.add("isolated-drops");
            for (long t : poisson(r, 0.5 + r.nextDouble() * 3, start, end)) {
                d.happenings.add(new DataDrop(t, (10 + r.nextInt(170)) * S, DropKind.ISOLATED));
            }
        }
        if (r.nextDouble() < fp.backhaulOutageShare()) {
            d.profile.add("backhaul-outage");
            d.happenings.add(new Happening.BackhaulOutage(start + (long) (r.nextDouble() * (end - start - 6 * H)),
                    (1 + r.nextInt(6)) * H));
        }
    }

    private static List<Happening> flaps(SplittableRandom r, double perDay, long from, long to) {
        List<Happening> flaps = new ArrayList<>();
        for (long t : poisson(r, perDay, from, to)) {
            double u = r.nextDouble();
            flaps.add(new Happening.FirmwareFlap(t, u < 0.6 ? 1 : u < 0.9 ? 2 : 3));
        }
        return flaps;
    }

    /** Some flappers flap only once or twice a day (the penalty's start needs three drops close together). */
    private static void assignSlowFlappers(SplittableRandom extra, FleetParams fp, List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.flapper && extra.nextDouble() < fp.slowFlapperShare()) {
                d.slowPerDay = 1 + extra.nextDouble();
                d.profile.add("slow");
            }
        }
    }

    /**
     * Modems leave the USB bus now and then on any firmware (gsmd resets a hung modem, a USB or supply glitch): rare
     * resets on a share of all routers, and faulty modems that do it every day or two whatever their firmware.
     */
    private static void modemResets(SplittableRandom extra, FleetParams fp, List<Draft> drafts, long start,
            long end) {
        for (Draft d : drafts) {
            double perDay = 0;
            if (extra.nextDouble() < fp.modemResetShare()) {
                perDay = fp.modemResetsPerDay();
                d.profile.add("modem-resets");
            }
            if (!d.flapper && extra.nextDouble() < fp.faultyModemShare()) {
                perDay = 0.5 + extra.nextDouble() * 1.5;
                d.faultyModem = true;
                d.profile.add("faulty-modem");
            }
            for (long t : poisson(extra, perDay, start, end)) {
                d.happenings.add(new Happening.ModemReset(t));
            }
        }
    }

    /**
     * Someone else flashes the good firmware: some flapping routers mid-window (then stable), and some bad-firmware
     * routers due for a router upgrade before it (fixed before they ever flap). The first such router queues its
     * status and has no wired WAN, so a status taken mid-flash (old firmware) arrives after the firmware-updated
     * line.
     */
    private static void externalFixes(SplittableRandom r, FleetParams fp, List<Draft> drafts, long start, long end) {
        boolean queued = false;
        for (Draft d : drafts) {
            boolean fixFlapping = d.flapper && d.upgradeAt < 0 && r.nextDouble() < fp.externalFixShare();
            boolean fixEarly = d.bad && d.upgradeAt > start + 6 * H && d.family.flaps(d.family.badFirmware(),
                    ModemFamily.NEW_ROUTER_FW) && r.nextDouble() < 2 * fp.externalFixShare() + 0.1;
            if (!fixFlapping && !fixEarly) {
                continue;
            }
            long at = fixFlapping ? start + D + (long) (r.nextDouble() * (end - start - 2 * D))
                    : start + (long) (r.nextDouble() * (d.upgradeAt - start - 4 * H));
            d.externalFixAt = at;
            d.happenings.add(new Happening.ModemFlash(at, d.family.goodFirmware(), (45 + r.nextInt(150)) * S));
            d.profile.add(fixFlapping ? "fixed-by-someone-else" : "fixed-before-flapping");
            if (!queued && d.agent) {
                d.queueStatus = true;
                queued = true;
            }
        }
    }

    /** Each outage hits most of its operator's routers within a few minutes, whatever their firmware. */
    private static void outages(SplittableRandom r, FleetParams fp, List<String> operators, List<Draft> drafts,
            long start, long end) {
        for (String op : operators) {
            int n = r.nextInt(0, fp.maxOutagesPerOperator() + 1);
            for (int i = 0; i < n; i++) {
                long at = start + H + (long) (r.nextDouble() * (end - start - 2 * H));
                long duration = (2 + r.nextInt(24)) * M;
                long spread = (1 + r.nextInt(4)) * M;
                double hit = 0.6 + r.nextDouble() * 0.35;
                for (Draft d : drafts) {
                    if (d.operator.equals(op) && r.nextDouble() < hit) {
                        long t = at + (long) (r.nextDouble() * spread);
                        long down = Math.max(30 * S, duration - (t - at) + (long) (r.nextDouble() * 2 * M));
                        d.happenings.add(new DataDrop(t, down, DropKind.OUTAGE));
                    }
                }
            }
        }
    }

    private static void noise(SplittableRandom r, FleetParams fp, List<Draft> drafts, long start, long end) {
        Happening.NoiseKind[] kinds = Happening.NoiseKind.values();
        for (int i = 0; i < fp.noiseMessages(); i++) {
            Draft d = drafts.get(r.nextInt(drafts.size()));
            if (d.agent) {
                d.happenings.add(new Happening.Noise(start + (long) (r.nextDouble() * (end - start)),
                        kinds[i % kinds.length]));
            }
        }
    }

    private static RouterPlan plan(SplittableRandom r, FleetParams fp, Draft d, long start, long end) {
        boolean poor = d.poorSignal;
        double rsrp = poor ? -106 - r.nextInt(8) : -75 - r.nextInt(26);
        double sinr = poor ? r.nextInt(0, 5) : 3 + r.nextInt(18);
        if (!d.agent) {
            d.profile.add("agent-less");
        }
        return new RouterPlan(r.nextLong(), d.serial, d.family, d.routerModel, d.operator, d.agent, r.nextDouble() < 0.4,
                r.nextBoolean(), r.nextDouble() < fp.wiredWanShare() && !d.queueStatus, // its link must be cellular only
                d.queueStatus || r.nextDouble() < fp.statusQueueShare(), poor, rsrp, sinr, 480 + r.nextInt(121),
                5 + r.nextInt(11), 120 + r.nextInt(181), 50 + r.nextInt(1450), fp.lateShare(), fp.duplicateShare(),
                start, end, 3600 + r.nextInt(60 * 86_400), d.routerFw,
                d.bad ? d.family.badFirmware() : d.family.goodFirmware(), d.happenings);
    }

    private static RouterTruth truth(Draft d, RouterHistory.Tally t) {
        TrueCause cause;
        if (!t.firmwareIncidents.isEmpty()) {
            cause = TrueCause.FIRMWARE;
        } else if (d.externalFixAt >= 0) {
            cause = TrueCause.FIXED_BEFORE_FLAPPING;
        } else if (d.faultyModem && t.modemResets >= 2) {
            cause = TrueCause.MODEM_HARDWARE;
        } else if (t.radioDrops >= 2) {
            cause = TrueCause.RADIO;
        } else if (t.powerCycles >= 2) {
            cause = TrueCause.POWER;
        } else if (t.outageDrops >= 1) {
            cause = TrueCause.OPERATOR;
        } else if (t.powerCycles >= 1) {
            cause = TrueCause.POWER;
        } else if (t.radioDrops >= 1) {
            cause = TrueCause.RADIO;
        } else {
            cause = TrueCause.NONE;
        }
        long fixAt = d.externalFixAt >= 0 ? t.flashes.getOrDefault(d.externalFixAt, -1L) : -1;
        return new RouterTruth(d.serial, cause, d.family, d.routerModel, d.agent, d.poorSignal,
                d.family.badFirmware() != null, List.copyOf(t.firmwareIncidents),
                List.copyOf(t.visibleFirmwareIncidents), fixAt, String.join(",", d.profile));
    }
}
