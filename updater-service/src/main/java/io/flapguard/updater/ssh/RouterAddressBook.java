package io.flapguard.updater.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a router serial to its SSH address: first a hosts file of {@code serial host:port} lines (re-read when
 * it changes, so a simulated fleet can add routers while the service runs), else a template such as
 * {@code {serial}.routers.example:22}.
 */
public final class RouterAddressBook {
    private final Optional<Path> hostsFile;
    private final String template;
    private Map<String, SshTarget> entries = Map.of();
    private long loadedModified = -1;

    public RouterAddressBook(Optional<Path> hostsFile, String template) {
        this.hostsFile = hostsFile;
        this.template = template;
    }

    public synchronized Optional<SshTarget> resolve(String serial) {
        reloadIfChanged();
        SshTarget fromFile = entries.get(serial);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        if (template == null || template.isBlank() || template.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(parse(template.replace("{serial}", serial), "address template"));
    }

    private void reloadIfChanged() {
        if (hostsFile.isEmpty() || !Files.exists(hostsFile.get())) {
            return;
        }
        try {
            long modified = Files.getLastModifiedTime(hostsFile.get()).toMillis() ^ Files.size(hostsFile.get());
            if (modified == loadedModified) {
                return;
            }
            Map<String, SshTarget> read = new HashMap<>();
            for (String line : Files.readAllLines(hostsFile.get())) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length == 2) {
                    read.put(parts[0], parse(parts[1], "hosts file line"));
                }
            }
            entries = read;
            loadedModified = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read router hosts file " + hostsFile.get(), e);
        }
    }

    static SshTarget parse(String hostPort, String where) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return new SshTarget(hostPort, 22);
        }
        try {
            return new SshTarget(hostPort.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + where + ": " + hostPort);
        }
    }
}
