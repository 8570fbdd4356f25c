package io.flapguard.deploy.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flapguard.deploy.DeployFiles;
import io.flapguard.deploy.MetricNames;
import io.flapguard.deploy.PromtoolCheck;
import io.flapguard.deploy.RequiredTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/grafana: the dashboard uses only metrics the services expose, valid PromQL, and a datasource variable. */
class GrafanaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    @Test
    void everyPanelQueriesMetricsTheServicesExpose() throws IOException {
        List<JsonNode> panels = panels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                Set<String> exposed = new HashSet<>();
                Matcher m = IDENTIFIER.matcher(expr);
                while (m.find()) {
                    if (MetricNames.exposed(m.group())) {
                        exposed.add(m.group());
                    }
                }
                assertThat(exposed).as("panel '%s' queries no exposed metric: %s", title, expr).isNotEmpty();
                for (String name : MetricNames.flapguardNamesIn(expr)) {
                    assertThat(MetricNames.exposed(name)).as("panel '%s' uses %s, which no service exposes", title, name).isTrue();
                }
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void coversEachSectionOfTheIssueAndIsProvisioningReady() throws IOException {
        JsonNode dash = dashboard();
        assertThat(dash.path("uid").asText()).isEqualTo("flapguard-fleet");
        assertThat(dash.has("id")).as("provisioned dashboards carry no numeric id").isFalse();
        JsonNode variable = dash.path("templating").path("list").get(0);
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        List<String> rows = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : dash.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(p.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
            }
        }
        assertThat(rows).containsExactly("Fleet: flapping by cohort", "Remediation: commands and verifications",
                "Rollouts: waves and progress", "Ingest: throughput, latency, dead letters", "Service health");
        JsonNode provider = YAML.readTree(DeployFiles.deploy("grafana/provisioning/dashboards/flapguard.yaml").toFile());
        assertThat(provider.path("providers").get(0).path("type").asText()).isEqualTo("file");
        JsonNode datasource = YAML.readTree(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yaml").toFile());
        assertThat(datasource.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");
    }

    /** Every panel query, with Grafana's variables filled in, as a recording rule: promtool parses the PromQL. */
    @Test
    void everyQueryIsValidPromql(@TempDir Path dir) throws IOException {
        RequiredTool.require("promtool", "prometheus");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$__rate_interval", "5m").replace("$__range", "1h");
                rules.append("      - record: dashboard:query").append(n++).append("\n        expr: ")
                        .append(JSON.writeValueAsString(expr)).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        PromtoolCheck.Result result = PromtoolCheck.checkRules(file);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }

    private static JsonNode dashboard() throws IOException {
        return JSON.readTree(DeployFiles.deploy("grafana/flapguard-dashboard.json").toFile());
    }

    private static List<JsonNode> panels() throws IOException {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : dashboard().path("panels")) {
            if (!p.path("type").asText().equals("row")) {
                panels.add(p);
            }
        }
        return panels;
    }
}
