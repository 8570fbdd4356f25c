package io.flapguard.stack;

import io.flapguard.security.Roles;
import io.flapguard.security.users.PasswordHash;
import io.flapguard.security.users.UsersFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The local stack's built-in identity: a users file in the data folder that the services read
 * ({@code flapguard.security.users-file}). On first start it holds one user, {@code admin}, with a generated
 * password that is shown once and stored only as a salted hash.
 */
final class LocalIdentity {
    static final String ADMIN = "admin";

    private final Path usersFile;
    private final Credentials createdAdmin;

    private LocalIdentity(Path usersFile, Credentials createdAdmin) {
        this.usersFile = usersFile;
        this.createdAdmin = createdAdmin;
    }

    static Path usersFile(Path dataDir) {
        return dataDir.resolve("users");
    }

    /** Uses the data folder's users file, creating it with an admin on first start. */
    static LocalIdentity prepare(Path dataDir) {
        Path file = usersFile(dataDir);
        if (Files.exists(file)) {
            return new LocalIdentity(file, null);
        }
        return new LocalIdentity(file, add(file, ADMIN, Roles.ADMIN));
    }

    /** Adds (or replaces) a user with a generated password. */
    static Credentials add(Path file, String name, String role) {
        String password = PasswordHash.randomPassword();
        UsersFile.put(file, name, Set.of(role), password.toCharArray());
        return new Credentials(name, password);
    }

    Path usersFile() {
        return usersFile;
    }

    /** The admin created by this start, with its password; empty when the users file already existed. */
    Optional<Credentials> createdAdmin() {
        return Optional.ofNullable(createdAdmin);
    }
}
