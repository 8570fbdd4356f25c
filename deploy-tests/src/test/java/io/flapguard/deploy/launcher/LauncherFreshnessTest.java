package io.flapguard.deploy.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.deploy.DeployFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./flapguard} launcher rebuilds only when something that goes into the running system changed:
 * a second start of a built checkout must not rebuild because the build or the tests wrote files of their own.
 * Runs the real script ({@code --build-status}) in a copy of the checkout's layout.
 */
class LauncherFreshnessTest {
    private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant BEFORE = BUILT.minusSeconds(3600);
    private static final Instant AFTER = BUILT.plusSeconds(60);
    private static final List<String> SERVICES = List.of("telemetry-service", "analyzer-service", "updater-service");

    @TempDir
    Path checkout;

    @BeforeEach
    void builtCheckout() throws IOException {
        Path script = DeployFiles.deployDir().getParent().resolve("flapguard");
        Files.copy(script, checkout.resolve("flapguard"), StandardCopyOption.COPY_ATTRIBUTES);
        write("pom.xml", BEFORE);
        write("local-stack/target/local-stack.jar", BUILT);
        write("local-stack/target/flapguard-build.stamp", BUILT);
        for (String service : SERVICES) {
            write(service + "/pom.xml", BEFORE);
            write(service + "/src/main/java/Service.java", BEFORE);
            write(service + "/src/main/resources/application.properties", BEFORE);
            write(service + "/target/quarkus-app/quarkus-run.jar", BUILT);
        }
    }

    @Test
    void aBuiltCheckoutIsUpToDate() throws Exception {
        assertThat(buildStatus()).isEqualTo("up to date");
    }

    @Test
    void filesTheBuildAndTheTestsWriteDoNotTriggerABuild() throws Exception {
        write("analyzer-service/target/classes/application.properties", AFTER);
        write("analyzer-service/target/generated-sources/Generated.java", AFTER);
        write("system-tests/target/test-classes/application.properties", AFTER);
        write("analyzer-service/src/test/java/SomeTest.java", AFTER);
        write(".flapguard/logs/analyzer.properties", AFTER);

        assertThat(buildStatus()).isEqualTo("up to date");
    }

    @Test
    void anEditedSourceOrResourceOrPomTriggersABuild() throws Exception {
        write("updater-service/src/main/java/Service.java", AFTER);
        assertThat(buildStatus()).isEqualTo("sources changed (updater-service/src/main/java/Service.java)");

        write("updater-service/src/main/java/Service.java", BEFORE);
        write("telemetry-service/src/main/resources/application.properties", AFTER);
        assertThat(buildStatus()).startsWith("sources changed (telemetry-service/src/main/resources/");

        write("telemetry-service/src/main/resources/application.properties", BEFORE);
        write("analyzer-service/pom.xml", AFTER);
        assertThat(buildStatus()).isEqualTo("sources changed (analyzer-service/pom.xml)");
    }

    @Test
    void aMissingServiceOrBuildRecordTriggersABuild() throws Exception {
        Files.delete(checkout.resolve("local-stack/target/flapguard-build.stamp"));
        assertThat(buildStatus()).isEqualTo("no record of a build by ./flapguard");

        Files.delete(checkout.resolve("updater-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(buildStatus()).startsWith("first run (updater-service/target/quarkus-app/quarkus-run.jar");
    }

    private void write(String relative, Instant modified) throws IOException {
        Path file = checkout.resolve(relative);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, relative);
        }
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private String buildStatus() throws Exception {
        Process process = new ProcessBuilder("bash", "flapguard", "--build-status")
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher answers").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
