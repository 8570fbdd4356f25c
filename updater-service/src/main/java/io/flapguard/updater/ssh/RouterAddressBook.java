package io.flapguard.updater.ssh;

import io.flapguard.updater.validate.RefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves a router serial to its SSH address: first a hosts file of {@code serial host:port} lines (re-read when
 * it changes, so a simulated fleet can add routers while the service runs), else an explicitly configured template
 * such as {@code {serial}.routers.example:22}. Nothing is derived from the serial by default ("none"), and numeric
 * host names are refused: Java reads a bare 10-digit serial as someone's IPv4 address.
 */
public final class RouterAddressBook {
    private static final Logger LOG = Logger.getLogger(RouterAddressBook.class);

    private final Optional<Path> hostsFile;
    private final String template;
    private Map<String, SshTarget> entries = Map.of();
    private Map<String, String> refusedEntries = Map.of();
    private long loadedModified = -1;

    public RouterAddressBook(Optional<Path> hostsFile, String template) {
        this.hostsFile = hostsFile;
        this.template = template == null || template.isBlank() ? "none" : template;
    }

    /** The router's address; refused (one line, safe to log) when it is not listed or its host is unusable. */
    public synchronized SshTarget resolve(String serial) throws RefusedException {
        reloadIfChanged();
        SshTarget fromFile = entries.get(serial);
        if (fromFile != null) {
            return fromFile;
        }
        if (refusedEntries.containsKey(serial)) {
            throw new RefusedException("hosts file entry refused: " + refusedEntries.get(serial));
        }
        if (template.equals("none")) {
            throw new RefusedException("router is not in flapguard.updater.ssh.hosts-file and no address-template is"
                    + " configured; not connecting to an address guessed from its serial");
        }
        SshTarget target = parse(template.replace("{serial}", serial), "address template");
        String problem = RouterHostName.problem(target.host());
        if (problem != null) {
            throw new RefusedException("address template gives an unusable address: " + problem);
        }
        return target;
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
            Map<String, String> refused = new HashMap<>();
            for (String line : Files.readAllLines(hostsFile.get())) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 2) {
                    continue;
                }
                try {
                    SshTarget target = parse(parts[1], "hosts file line");
                    String problem = RouterHostName.problem(target.host());
                    if (problem == null) {
                        read.put(parts[0], target);
                    } else {
                        refused.put(parts[0], problem);
                    }
                } catch (IllegalArgumentException e) {
                    refused.put(parts[0], e.getMessage());
                }
            }
            if (!refused.isEmpty()) {
                LOG.warnf("%s: %d entries refused (e.g. %s)", hostsFile.get(), refused.size(), refused.values().iterator().next());
            }
            entries = read;
            refusedEntries = refused;
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
