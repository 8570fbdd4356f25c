package io.flapguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link MetricNames} honest: every name it lists must be registered by a service's code (meter
 * names found in the services' src/main, in Micrometer's dotted or underscored form), so a renamed metric
 * breaks this build instead of silently emptying an alert or a panel.
 */
class MetricNamesTest {
    private static final Pattern METER_NAME = Pattern.compile("\"(flapguard[._][a-z0-9._]+)\"");

    @Test
    void everyListedNameIsRegisteredBySomeService() {
        Set<String> registered = registeredMeterNames();
        assertThat(registered).as("meter names found in the services' sources").isNotEmpty();
        for (String name : MetricNames.flapguardNames()) {
            assertThat(registered).as("%s (rules/dashboard rely on it) is registered by no service", name)
                    .contains(baseName(name));
        }
    }

    /** Prometheus name → the name as code registers it, normalised: no _total, no _seconds, underscores. */
    static String baseName(String prometheusName) {
        return prometheusName.replaceAll("_total$", "").replaceAll("_seconds$", "");
    }

    private static Set<String> registeredMeterNames() {
        Set<String> names = new TreeSet<>();
        Path repo = DeployFiles.deployDir().getParent();
        for (String service : new String[] {"telemetry-service", "analyzer-service", "updater-service",
                "service-security"}) {
            Path src = repo.resolve(service).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = METER_NAME.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(baseName(m.group(1).replace('.', '_')));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
