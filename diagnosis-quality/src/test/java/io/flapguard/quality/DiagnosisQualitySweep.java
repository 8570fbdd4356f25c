package io.flapguard.quality;

import io.flapguard.quality.fleet.Fleet;
import io.flapguard.quality.fleet.FleetGenerator;
import io.flapguard.quality.run.AnalyzerSettings;
import io.flapguard.quality.run.QualityRun;
import io.flapguard.quality.score.QualityScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark: N seeds (1..N, or from {@code -Dquality.sweep.first}), one line per seed and the aggregate.
 * Not part of the default build; run with
 * {@code ./mvnw -B -pl diagnosis-quality -am verify -Dtest=DiagnosisQualitySweep -Dsurefire.failIfNoSpecifiedTests=false -Dquality.sweep=30}.
 * {@code -Dquality.sweep.tables=true} prints every seed's full table too; {@code -Dquality.analyzer.<setting>=<value>}
 * runs the analyzer with that setting (names without {@code flapguard.analyzer.}), to compare on the same fleets.
 */
@EnabledIfSystemProperty(named = "quality.sweep", matches = "[1-9][0-9]*")
class DiagnosisQualitySweep {
    private static final String ANALYZER = "quality.analyzer.";

    @Test
    void sweep() {
        int n = Integer.parseInt(System.getProperty("quality.sweep"));
        long first = Long.parseLong(System.getProperty("quality.sweep.first", "1"));
        boolean tables = Boolean.getBoolean("quality.sweep.tables");
        // -Dquality.analyzer.penalty.start=2500: an analyzer setting other than its default, on the same fleets
        Map<String, String> overrides = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(ANALYZER))
                .forEach(k -> overrides.put(k.substring(ANALYZER.length()), System.getProperty(k)));
        QualityRun.Options options = new QualityRun.Options(true, QualityRun.Options.defaults().tick(),
                AnalyzerSettings.with(overrides));
        if (!overrides.isEmpty()) {
            System.out.println("analyzer settings other than the defaults: " + overrides);
        }
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> hours = new ArrayList<>();
        List<Double> incidents = new ArrayList<>();
        List<Double> agentless = new ArrayList<>();
        int met = 0;
        int forbidden = 0;
        long elapsed = 0;
        System.out.println("seed routers days | cmds precision recall | forbidden | median h / inc | agent-less | ms | missed");
        for (long seed = first; seed < first + n; seed++) {
            Fleet fleet = FleetGenerator.generate(seed);
            var run = QualityRun.run(fleet, options);
            QualityScore s = QualityScore.of(run);
            if (tables) {
                System.out.println(s.table());
            }
            add(precision, s.precision());
            add(recall, s.recall());
            add(agentless, s.agentlessRecall());
            hours.addAll(s.hoursToCommand());
            incidents.addAll(s.incidentsToCommand());
            forbidden += s.forbiddenCommands();
            elapsed += run.elapsedMs();
            met += s.missedTargets().isEmpty() ? 1 : 0;
            System.out.printf(Locale.ROOT, "%4d %7d %4d | %4d %9s %6s | %9d | %6.1f / %3.0f | %10s | %6d | %s%n", seed,
                    fleet.params().routers(), fleet.params().days(), run.commands().size(), f(s.precision()),
                    f(s.recall()), s.forbiddenCommands(), s.medianHours(), s.medianIncidents(), f(s.agentlessRecall()),
                    run.elapsedMs(), String.join("; ", s.missedTargets()));
        }
        System.out.printf(Locale.ROOT, "aggregate over %d seeds: targets met on %d; precision min %s median %s; "
                        + "recall min %s median %s; commands to radio/operator/power/fixed routers %d; time to command "
                        + "median %.1f h (p90 %.1f h), %.0f incidents (p90 %.0f); agent-less detection min %s median %s; "
                        + "run time %d ms in all%n", n, met, f(min(precision)), f(QualityScore.quantile(precision, 0.5)),
                f(min(recall)), f(QualityScore.quantile(recall, 0.5)), forbidden, QualityScore.quantile(hours, 0.5),
                QualityScore.quantile(hours, 0.9), QualityScore.quantile(incidents, 0.5),
                QualityScore.quantile(incidents, 0.9), f(min(agentless)), f(QualityScore.quantile(agentless, 0.5)),
                elapsed);
    }

    private static void add(List<Double> l, double x) {
        if (!Double.isNaN(x)) {
            l.add(x);
        }
    }

    private static double min(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static String f(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
    }
}
