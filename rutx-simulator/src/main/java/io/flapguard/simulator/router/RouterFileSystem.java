package io.flapguard.simulator.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The part of a router's filesystem that SFTP uploads and shell commands share: a real folder on
 * the host standing in for {@code /}. Only /tmp counts against the router's free RAM.
 */
public final class RouterFileSystem {

    private final Path root;

    public RouterFileSystem(Path root) {
        try {
            this.root = Files.createDirectories(root).toRealPath();
            Files.createDirectories(this.root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Maps an absolute router path to the host folder; empty when it would leave the root. */
    public Optional<Path> resolve(String routerPath) {
        String relative = routerPath.startsWith("/") ? routerPath.substring(1) : routerPath;
        Path resolved = root.resolve(relative).normalize();
        return resolved.startsWith(root) ? Optional.of(resolved) : Optional.empty();
    }

    /** Takes the router-side path (SFTP hands out paths of its own rooted filesystem, not host paths). */
    public static boolean isUnderTmp(String routerPath) {
        return routerPath.startsWith("/tmp/");
    }

    public boolean isDirectory(String routerPath) {
        return resolve(routerPath).map(Files::isDirectory).orElse(false);
    }

    /** Bytes of everything uploaded to /tmp so far. */
    public long tmpUsedBytes() {
        try (Stream<Path> files = Files.walk(root.resolve("tmp"))) {
            return files.filter(Files::isRegularFile).mapToLong(RouterFileSystem::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;   // deleted while walking
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
