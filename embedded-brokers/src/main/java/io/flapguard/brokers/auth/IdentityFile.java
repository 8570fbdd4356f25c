package io.flapguard.brokers.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The broker's accounts, one per line: {@code username:role:$7$iterations$salt$hash} ({@link PasswordHash}).
 * Only hashes are stored; a generated password is returned once to whoever adds the identity. Writes replace the
 * file atomically (mode 600) under a lock file, so {@code ./flapguard identity add} may run while the broker reads.
 */
public final class IdentityFile {
    private static final String HEADER = "# FlapGuard MQTT identities: username:role:password-hash (PBKDF2-SHA512, "
            + "Mosquitto $7$ format). Written by ./flapguard identity; keep this file private.\n";

    private final Path path;

    public IdentityFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Every identity by username; a missing file is empty. A bad line fails naming its number, never its content. */
    public Map<String, MqttIdentity> read() {
        Map<String, MqttIdentity> identities = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return identities;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MQTT identities " + path, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", 3);
            try {
                if (f.length != 3) {
                    throw new IllegalArgumentException("expected username:role:hash");
                }
                MqttIdentity id = new MqttIdentity(f[0], MqttRole.parse(f[1]), PasswordHash.parse(f[2]));
                if (identities.put(id.username(), id) != null) {
                    throw new IllegalArgumentException("username '" + id.username() + "' appears twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return identities;
    }

    /** Adds {@code username} (or gives it a new password) and returns the generated password; show it once. */
    public String add(String username, MqttRole role) {
        String password = Passwords.generate();
        char[] chars = password.toCharArray();
        try {
            MqttIdentity identity = new MqttIdentity(username, role, PasswordHash.of(chars));
            update(all -> {
                all.put(username, identity);
                return all;
            });
        } finally {
            Arrays.fill(chars, '\0');
        }
        return password;
    }

    /** True if {@code username} was there. */
    public boolean remove(String username) {
        boolean[] removed = new boolean[1];
        update(all -> {
            removed[0] = all.remove(username) != null;
            return all;
        });
        return removed[0];
    }

    /**
     * The account of a service that reads its password from {@code passwordFile}: created with a fresh password
     * (written to that file, mode 600) when the identity or the file is missing; otherwise left as it is.
     */
    public void ensureServiceAccount(String username, MqttRole role, Path passwordFile) {
        if (Files.isRegularFile(passwordFile) && read().containsKey(username)) {
            return;
        }
        String password = add(username, role);
        try {
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            writePrivate(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the password file " + passwordFile, e);
        }
    }

    private void update(UnaryOperator<Map<String, MqttIdentity>> change) {
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel lockFile = FileChannel.open(path.resolveSibling(path.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                write(change.apply(read()).values());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write MQTT identities " + path, e);
        }
    }

    private void write(Collection<MqttIdentity> identities) throws IOException {
        StringBuilder out = new StringBuilder(HEADER);
        for (MqttIdentity id : identities) {
            out.append(id.username()).append(':').append(id.role().fileName()).append(':')
                    .append(id.password().encoded()).append('\n');
        }
        writePrivate(path, out.toString());
    }

    /** Replaces {@code file} in one step with content readable by its owner only. */
    static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
