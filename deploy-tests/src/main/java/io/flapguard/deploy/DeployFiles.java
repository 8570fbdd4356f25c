package io.flapguard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the files under test are, and which external tools this machine has. */
public final class DeployFiles {
    private DeployFiles() {
    }

    /** The repository's {@code deploy/} folder (set by the pom; falls back to ../deploy). */
    public static Path deployDir() {
        String configured = System.getProperty("flapguard.deploy.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "deploy");
        return dir.toAbsolutePath().normalize();
    }

    public static Path deploy(String relative) {
        return deployDir().resolve(relative);
    }

    /** An executable named {@code name} on PATH (or in /usr/bin, /bin), if this machine has one. */
    public static Optional<Path> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/local/bin:/usr/bin:/bin";
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
