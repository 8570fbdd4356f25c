package io.flapguard.security.users;

import io.flapguard.security.Roles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The local identity store: one user a line, {@code name:role[,role]:pbkdf2-sha256$...}; {@code #} starts a
 * comment. Written atomically with owner-only permissions; the services re-read it when it changes.
 */
public final class UsersFile {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    /** One user: name, granted roles and the password hash. */
    public record User(String name, Set<String> roles, String hash) {
    }

    private UsersFile() {
    }

    /** The users in the file, by name; a malformed line fails naming its line number. */
    public static Map<String, User> read(Path file) throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length != 3 || !NAME.matcher(parts[0]).matches() || !parts[2].startsWith(PasswordHash.SCHEME)) {
                throw new IOException(file + " line " + (i + 1) + ": expected name:role[,role]:"
                        + PasswordHash.SCHEME + "$...");
            }
            users.put(parts[0], new User(parts[0], roles(parts[1]), parts[2]));
        }
        return users;
    }

    /** Adds a user, or replaces the roles and password of one with that name. */
    public static void put(Path file, String name, Set<String> roles, char[] password) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must match " + NAME.pattern());
        }
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "' (roles: viewer, operator, approver, admin)");
            }
        }
        try {
            Map<String, User> users = Files.exists(file) ? read(file) : new LinkedHashMap<>();
            users.put(name, new User(name, new TreeSet<>(roles), PasswordHash.hash(password)));
            write(file, users);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Map<String, User> users) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# FlapGuard users: name:roles:password hash. Add users with ./flapguard user add NAME --role ROLE");
        users.values().forEach(u -> lines.add(u.name() + ":" + String.join(",", u.roles()) + ":" + u.hash()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".users", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder's permissions have to do
        }
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<String> roles(String list) {
        Set<String> roles = new TreeSet<>();
        for (String r : list.split(",")) {
            if (!r.isBlank()) {
                roles.add(r.strip());
            }
        }
        return roles;
    }
}
