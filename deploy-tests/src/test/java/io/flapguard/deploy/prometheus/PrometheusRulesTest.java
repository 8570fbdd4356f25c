package io.flapguard.deploy.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flapguard.deploy.DeployFiles;
import io.flapguard.deploy.MetricNames;
import io.flapguard.deploy.PromtoolCheck;
import io.flapguard.deploy.RequiredTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/flapguard-alerts.yml: valid, unit-tested with promtool, conventional, on real metric names. */
class PrometheusRulesTest {
    private static final Path RULES = DeployFiles.deploy("prometheus/flapguard-alerts.yml");
    private static final Path RULE_TESTS = DeployFiles.deploy("prometheus/flapguard-alerts.test.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static void assumePromtool() {
        RequiredTool.require("promtool", "prometheus");
    }

    @Test
    void promtoolAcceptsTheRules() {
        assumePromtool();
        PromtoolCheck.Result result = PromtoolCheck.checkRules(RULES);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsPass() {
        assumePromtool();
        PromtoolCheck.Result result = PromtoolCheck.testRules(RULE_TESTS);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFollowsTheConventionsAndUsesOnlyExposedMetrics() {
        List<JsonNode> alerts = alerts();
        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains(
                "FlapGuardFirmwareCohortFlapping", "FlapGuardRemediationFailedToFix", "FlapGuardRolloutPaused",
                "FlapGuardUpdatesStuckInProgress", "FlapGuardIngestDeadLetterRateHigh", "FlapGuardIngestLagging",
                "FlapGuardIngestInFlightHigh", "FlapGuardServiceDown");
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText();
            assertThat(name).matches("FlapGuard[A-Z][A-Za-z0-9]+");
            assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
            JsonNode annotations = alert.path("annotations");
            for (String key : List.of("summary", "description", "runbook_url")) {
                assertThat(annotations.path(key).asText()).as(name + " " + key).isNotBlank();
            }
            assertThat(annotations.path("runbook_url").asText()).endsWith("#" + name.toLowerCase());
            for (String metric : MetricNames.flapguardNamesIn(alert.path("expr").asText())) {
                assertThat(MetricNames.exposed(metric)).as(name + " uses " + metric + ", which no service exposes").isTrue();
            }
            assertThat(alert.path("expr").asText()).doesNotContain("serial", "imei");
        }
    }

    @Test
    void everyRunbookUrlPointsToASectionOfTheOperationsGuide() throws IOException {
        String guide = java.nio.file.Files.readString(DeployFiles.deployDir().getParent().resolve("docs/operations.md"));
        for (JsonNode alert : alerts()) {
            assertThat(guide).as("runbook section for " + alert.path("alert").asText())
                    .contains("\n### " + alert.path("alert").asText() + "\n");
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : fires).add(check.path("alertname").asText());
            }
        }
        List<String> names = alerts().stream().map(a -> a.path("alert").asText()).toList();
        assertThat(fires).containsAll(names);
        assertThat(quiet).containsAll(names.stream()
                // one-shot alerts on a counter increase have nothing to wait for; their quiet case is a
                // neighbouring series with another label value in the same test
                .filter(n -> !n.equals("FlapGuardUpdatesTimedOut") && !n.equals("FlapGuardIngestMqttDisconnected"))
                .toList());
    }

    @Test
    void promtoolCheckMetricsAcceptsAnExpositionInTheServicesFormatAndRejectsBadNames() throws IOException {
        assumePromtool();
        String sample;
        try (InputStream in = getClass().getResourceAsStream("/metrics/sample-exposition.txt")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PromtoolCheck.Result good = PromtoolCheck.checkMetrics(sample);
        assertThat(good.ok()).as(good.output()).isTrue();

        PromtoolCheck.Result bad = PromtoolCheck.checkMetrics(
                "# HELP flapguard_updater_results Terminal results\n# TYPE flapguard_updater_results counter\n"
                        + "flapguard_updater_results{outcome=\"failed\"} 1.0\n");
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.output()).contains("flapguard_updater_results counter metrics should have \"_total\" suffix");

        // a meter registered without a description (registry.counter(name) / registry.gauge(name, ...))
        // is exposed with an empty HELP, which promtool reports
        PromtoolCheck.Result noHelp = PromtoolCheck.checkMetrics(
                "# HELP flapguard_telemetry_inflight_messages \n# TYPE flapguard_telemetry_inflight_messages gauge\n"
                        + "flapguard_telemetry_inflight_messages 3.0\n");
        assertThat(noHelp.exitCode()).isEqualTo(3);
        assertThat(noHelp.output()).contains("flapguard_telemetry_inflight_messages no help text");
    }

    /**
     * The text as a Quarkus service serves it (format copied from telemetry-service's real /q/metrics): raw, promtool
     * 2.42 refuses it for framework meters; our families alone pass, and a meter without description is caught.
     */
    @Test
    void flapGuardFamiliesOfARealQuarkusExpositionPassAndAMissingDescriptionIsCaught() throws IOException {
        RequiredTool.require("promtool", "prometheus");
        String quarkus;
        try (InputStream in = getClass().getResourceAsStream("/metrics/quarkus-exposition.txt")) {
            quarkus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(PromtoolCheck.checkMetrics(quarkus).ok()).isFalse();
        PromtoolCheck.Result ours = PromtoolCheck.checkFlapGuardMetrics(quarkus);
        assertThat(ours.ok()).as(ours.output()).isTrue();
        assertThat(PromtoolCheck.flapGuardFamilies(quarkus)).contains("# TYPE flapguard_telemetry_messages_received_total counter")
                .doesNotContain("process_cpu_usage", "jvm_");

        String undescribed = quarkus + "# TYPE flapguard_analyzer_late_events counter\n# HELP flapguard_analyzer_late_events  \n"
                + "flapguard_analyzer_late_events_total 2.0\n";
        PromtoolCheck.Result caught = PromtoolCheck.checkFlapGuardMetrics(undescribed);
        assertThat(caught.exitCode()).isEqualTo(3);
        assertThat(caught.output()).contains("flapguard_analyzer_late_events_total no help text");
    }

    private static List<JsonNode> alerts() {
        try {
            List<JsonNode> alerts = new ArrayList<>();
            for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
                group.path("rules").forEach(alerts::add);
            }
            return alerts;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RULES + ": " + e.getMessage(), e);
        }
    }
}
