package io.flapguard.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flapguard.deploy.DeployFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the image build is checked for what can break silently: every path it
 * copies must exist in each service's packaged build, and the image runs what the manifests expect.
 */
class DockerfileTest {
    static final Path DOCKERFILE = DeployFiles.deploy("container").resolve("Dockerfile.jvm");
    static final Pattern COPY = Pattern.compile("(?m)^COPY --chown=185 \\$\\{SERVICE}/(\\S+) (\\S+)$");

    @Test
    void everyCopiedPathExistsInEachServicesPackagedBuild() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Path repo = DOCKERFILE.getParent().getParent().getParent();
        for (String service : List.of("telemetry-service", "analyzer-service", "updater-service")) {
            Path app = repo.resolve(service).resolve("target/quarkus-app");
            assumeTrue(Files.isDirectory(app), "SKIPPED: " + service + " is not packaged (run the whole reactor)");
            Matcher m = COPY.matcher(dockerfile);
            int copies = 0;
            while (m.find()) {
                copies++;
                String source = m.group(1).replace("*.jar", "quarkus-run.jar");
                assertThat(repo.resolve(service).resolve(source)).as(service + ": " + m.group(1)).exists();
            }
            assertThat(copies).isEqualTo(4);
        }
        assertThat(dockerfile).contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"").contains("USER 185");
    }
}
