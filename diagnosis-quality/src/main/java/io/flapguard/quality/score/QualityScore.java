package io.flapguard.quality.score;

import io.flapguard.quality.fleet.ModemFamily;
import io.flapguard.quality.fleet.RouterTruth;
import io.flapguard.quality.fleet.TrueCause;
import io.flapguard.quality.run.RunResult;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.RemediationCommand;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores one run against the generator's ground truth. Definitions (docs/diagnosis-quality.md):
 * <ul>
 * <li>a commanded router is a true positive when its drops are truly firmware-caused and no one had fixed it
 * before the command; every other commanded router is a false positive, listed by its true cause
 * ({@code FIRMWARE_ALREADY_FIXED} when someone else had flashed it first);</li>
 * <li>recall counts firmware routers with at least {@value #MIN_INCIDENTS} firmware incidents visible in their
 * published data (all of an agent router's; those a Data to Server record was taken during, for an agent-less
 * router), not fixed by
 * someone else, whose family the analyzer's catalog knows a fix for (or any family with a good firmware when the
 * analyzer acts on learned targets); EG06 is shown on its own line whatever the catalog says;</li>
 * <li>the diagnosed cause of a router is the cause of its last FLAPPING diagnosis before the simulated updater
 * flashed it (NONE if it never flapped): what the analyzer concluded, not how it saw the router after the fix;</li>
 * <li>time to command: from the router's first firmware incident inside the window to its first command, in
 * simulated hours and in firmware incidents up to the command.</li>
 * </ul>
 */
public final class QualityScore {
    public static final int MIN_INCIDENTS = 3;
    private static final double H = 3_600_000d;

    public static final double MIN_PRECISION = 0.98;
    public static final double MIN_RECALL = 0.95;
    public static final double MAX_MEDIAN_HOURS = 24;
    public static final double MAX_MEDIAN_INCIDENTS = 4;
    public static final double MIN_AGENTLESS_RECALL = 0.9;

    /** Counts of one slice (a modem family, or the whole fleet). */
    public static final class Slice {
        int commanded;
        int truePositives;
        int eligible;
        int eligibleCommanded;
        int firmwareRouters;
        int firmwareCommanded;

        public double precision() {
            return commanded == 0 ? Double.NaN : (double) truePositives / commanded;
        }

        public double recall() {
            return eligible == 0 ? Double.NaN : (double) eligibleCommanded / eligible;
        }
    }

    private final RunResult run;
    private final Slice overall = new Slice();
    private final Map<ModemFamily, Slice> byFamily = new EnumMap<>(ModemFamily.class);
    private final Map<String, List<String>> falsePositives = new TreeMap<>();
    private final Map<TrueCause, Map<String, Integer>> confusion = new EnumMap<>(TrueCause.class);
    private final List<Double> hoursToCommand = new ArrayList<>();
    private final List<Double> incidentsToCommand = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private int wrongTarget;
    private int agentlessFirmware;
    private int agentlessDetected;
    /** Firmware routers that flapped often enough but whose published data shows fewer than MIN_INCIDENTS flaps. */
    private int invisible;

    private QualityScore(RunResult run) {
        this.run = run;
    }

    public static QualityScore of(RunResult run) {
        QualityScore s = new QualityScore(run);
        s.compute();
        return s;
    }

    private void compute() {
        Map<String, RunResult.Issued<RemediationCommand>> firstCommand = new LinkedHashMap<>();
        for (RunResult.Issued<RemediationCommand> c : run.commands()) {
            firstCommand.putIfAbsent(c.value().serial(), c);
        }
        Map<String, Cause> diagnosed = new LinkedHashMap<>();
        Set<String> everFirmware = new HashSet<>();
        for (RunResult.Issued<Diagnosis> d : run.diagnoses()) {
            Long flashed = run.flashes().get(d.value().serial());
            if (d.value().state() == FlapState.FLAPPING && (flashed == null || d.atMs() < flashed)) {
                diagnosed.put(d.value().serial(), d.value().cause());
            }
            if (d.value().cause() == Cause.FIRMWARE) {
                everFirmware.add(d.value().serial());
            }
        }
        Set<String> catalog = new HashSet<>();
        for (String e : run.catalogEntries()) {
            int eq = e.indexOf('=');
            catalog.add(eq < 0 ? e.trim() : e.substring(0, eq).trim());
        }
        for (RouterTruth t : run.fleet().truth().values()) {
            Slice fam = byFamily.computeIfAbsent(t.family(), f -> new Slice());
            RunResult.Issued<RemediationCommand> cmd = firstCommand.get(t.serial());
            boolean firmware = t.cause() == TrueCause.FIRMWARE;
            boolean fixedFirst = t.externallyFixed() && cmd != null && cmd.atMs() >= t.externalFixAtMs();
            if (cmd != null) {
                overall.commanded++;
                fam.commanded++;
                if (firmware && !fixedFirst) {
                    overall.truePositives++;
                    fam.truePositives++;
                    if (!t.family().goodFirmware().equals(cmd.value().targetFirmware())) {
                        wrongTarget++;
                    }
                } else {
                    String why = fixedFirst ? "FIRMWARE_ALREADY_FIXED" : t.cause().name();
                    falsePositives.computeIfAbsent(why, k -> new ArrayList<>()).add(t.serial() + " (" + t.profile() + ")");
                }
            }
            String dc = diagnosed.containsKey(t.serial()) ? diagnosed.get(t.serial()).name() : "NONE";
            confusion.computeIfAbsent(t.cause(), k -> new TreeMap<>()).merge(dc, 1, Integer::sum);
            // Detectable: the flaps show in what the router publishes (an agent-less router's sampled records
            // miss most of them); a router whose data shows fewer than MIN_INCIDENTS is no miss of the analyzer.
            boolean flapped = firmware && !t.externallyFixed() && t.visibleFirmwareIncidents().size() >= MIN_INCIDENTS;
            if (firmware && !t.externallyFixed() && !flapped && t.firmwareIncidents().size() >= MIN_INCIDENTS) {
                invisible++;
            }
            if (flapped) {
                fam.firmwareRouters++;
                if (cmd != null) {
                    fam.firmwareCommanded++;
                }
                if (!t.agent()) {
                    agentlessFirmware++;
                    if (everFirmware.contains(t.serial()) || cmd != null) {
                        agentlessDetected++;
                    }
                }
            }
            boolean known = catalog.contains(t.family().model() + ":" + t.family().badFirmware())
                    || (run.learnedTargets() && t.knownFix());
            if (flapped && known) {
                overall.eligible++;
                fam.eligible++;
                if (cmd != null) {
                    overall.eligibleCommanded++;
                    fam.eligibleCommanded++;
                    long first = t.firmwareIncidents().get(0);
                    hoursToCommand.add(Math.max(0, cmd.atMs() - first) / H);
                    incidentsToCommand.add((double) t.firmwareIncidents().stream().filter(x -> x <= cmd.atMs()).count());
                } else {
                    missed.add(t.serial() + " (" + t.profile() + ", " + t.firmwareIncidents().size() + " incidents, "
                            + "diagnosed " + dc + ")");
                }
            }
        }
    }

    public double precision() {
        return overall.precision();
    }

    public double recall() {
        return overall.recall();
    }

    public Slice family(ModemFamily f) {
        return byFamily.getOrDefault(f, new Slice());
    }

    /** Firmware routers not counted in recall because their published data shows fewer than MIN_INCIDENTS flaps. */
    public int invisibleFirmwareRouters() {
        return invisible;
    }

    public double agentlessRecall() {
        return agentlessFirmware == 0 ? Double.NaN : (double) agentlessDetected / agentlessFirmware;
    }

    /** Commands to routers whose drops are radio, operator, power, or that were already fixed. */
    public int forbiddenCommands() {
        int n = 0;
        for (Map.Entry<String, List<String>> e : falsePositives.entrySet()) {
            // a faulty modem and a healthy router cost precision; the targets forbid these others outright
            if (!e.getKey().equals(TrueCause.NONE.name()) && !e.getKey().equals(TrueCause.MODEM_HARDWARE.name())) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    /** Diagnosed cause to router count, for routers of one true cause. */
    public Map<String, Integer> confusionRow(TrueCause truth) {
        return confusion.getOrDefault(truth, Map.of());
    }

    public Map<String, List<String>> falsePositives() {
        return falsePositives;
    }

    public double medianHours() {
        return quantile(hoursToCommand, 0.5);
    }

    public double medianIncidents() {
        return quantile(incidentsToCommand, 0.5);
    }

    public List<Double> hoursToCommand() {
        return hoursToCommand;
    }

    public List<Double> incidentsToCommand() {
        return incidentsToCommand;
    }

    public static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int i = (int) Math.ceil(q * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i)));
    }

    /** The targets this run misses, one line each (empty: all met). */
    public List<String> missedTargets() {
        List<String> m = new ArrayList<>();
        if (!(precision() >= MIN_PRECISION)) {
            m.add(String.format(Locale.ROOT, "precision %.3f < %.2f", precision(), MIN_PRECISION));
        }
        if (!(recall() >= MIN_RECALL)) {
            m.add(String.format(Locale.ROOT, "recall %.3f < %.2f", recall(), MIN_RECALL));
        }
        if (forbiddenCommands() > 0) {
            m.add(forbiddenCommands() + " commands to radio/operator/power/already-fixed routers");
        }
        if (!(medianHours() <= MAX_MEDIAN_HOURS)) {
            m.add(String.format(Locale.ROOT, "median time to command %.1f h > %.0f h", medianHours(), MAX_MEDIAN_HOURS));
        }
        if (!(medianIncidents() <= MAX_MEDIAN_INCIDENTS)) {
            m.add(String.format(Locale.ROOT, "median incidents to command %.1f > %.0f", medianIncidents(),
                    MAX_MEDIAN_INCIDENTS));
        }
        if (agentlessFirmware > 0 && !(agentlessRecall() >= MIN_AGENTLESS_RECALL)) {
            m.add(String.format(Locale.ROOT, "agent-less firmware detection %.3f < %.2f", agentlessRecall(),
                    MIN_AGENTLESS_RECALL));
        }
        return m;
    }

    /** A readable report: figures, the confusion matrix, false positives and misses. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(run.fleet().params().describe()).append('\n');
        b.append(String.format(Locale.ROOT, "%d messages -> %d records, %d dead letters (%d injected), %d flashes, %d ms%n",
                run.messages(), run.records(), run.deadLetterCount(), run.fleet().intendedDeadLetters(),
                run.flashes().size(), run.elapsedMs()));
        b.append(String.format(Locale.ROOT, "%-8s %9s %9s %10s %8s %16s%n", "family", "commands", "precision",
                "eligible", "recall", "flapping fw cmd"));
        for (ModemFamily f : ModemFamily.values()) {
            Slice s = family(f);
            b.append(String.format(Locale.ROOT, "%-8s %9d %9s %10d %8s %11d / %-3d%n", f.model(), s.commanded,
                    pct(s.precision()), s.eligible, pct(s.recall()), s.firmwareCommanded, s.firmwareRouters));
        }
        b.append(String.format(Locale.ROOT, "%-8s %9d %9s %10d %8s%n", "all", overall.commanded, pct(precision()),
                overall.eligible, pct(recall())));
        b.append(String.format(Locale.ROOT, "time first incident -> command: median %.1f h / %.0f incidents, "
                        + "p90 %.1f h / %.0f incidents (n=%d); wrong target %d%n", medianHours(), medianIncidents(),
                quantile(hoursToCommand, 0.9), quantile(incidentsToCommand, 0.9), hoursToCommand.size(), wrongTarget));
        b.append(String.format(Locale.ROOT, "agent-less firmware routers diagnosed FIRMWARE: %d / %d (%s); "
                        + "%d more flapped but their data shows fewer than %d flaps (not counted)%n",
                agentlessDetected, agentlessFirmware, pct(agentlessRecall()), invisible, MIN_INCIDENTS));
        b.append("cause confusion (rows: true cause, columns: cause of the last FLAPPING diagnosis before a flash)\n");
        List<String> cols = new ArrayList<>();
        for (Cause c : Cause.values()) {
            cols.add(c.name());
        }
        b.append(String.format(Locale.ROOT, "%-22s", ""));
        cols.forEach(c -> b.append(String.format(Locale.ROOT, " %9s", abbreviate(c))));
        b.append('\n');
        for (TrueCause t : TrueCause.values()) {
            Map<String, Integer> row = confusion.getOrDefault(t, Map.of());
            b.append(String.format(Locale.ROOT, "%-22s", t.name()));
            cols.forEach(c -> b.append(String.format(Locale.ROOT, " %9d", row.getOrDefault(c, 0))));
            b.append('\n');
        }
        falsePositives.forEach((why, l) -> b.append("commands to ").append(why).append(" routers: ").append(l.size())
                .append(' ').append(l.subList(0, Math.min(5, l.size()))).append('\n'));
        if (!missed.isEmpty()) {
            b.append("missed (no command): ").append(missed.size()).append(' ')
                    .append(missed.subList(0, Math.min(5, missed.size()))).append('\n');
        }
        List<String> targets = missedTargets();
        b.append(targets.isEmpty() ? "all targets met" : "targets missed: " + String.join("; ", targets)).append('\n');
        return b.toString();
    }

    private static String abbreviate(String c) {
        return c.length() <= 9 ? c : c.substring(0, 9);
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
    }
}
