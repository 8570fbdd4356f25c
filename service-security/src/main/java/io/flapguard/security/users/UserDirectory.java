package io.flapguard.security.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks user names and passwords against a {@link UsersFile}, re-reading it when it changes (so users added
 * while the services run can log in). A PBKDF2 check is deliberately slow, so a login that verified once is
 * remembered as a SHA-256 over the stored (salted) hash and the password; any change to the file forgets
 * every remembered login.
 */
public final class UserDirectory {
    private final Path file;
    private volatile FileTime loadedAt;
    private volatile Map<String, UsersFile.User> users = Map.of();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public UserDirectory(Path file) {
        this.file = file;
    }

    /** The user's granted roles when the password is right; empty for an unknown user or a wrong password. */
    public Optional<Set<String>> verify(String name, char[] password) {
        reloadIfChanged();
        UsersFile.User user = users.get(name);
        if (user == null) {
            return Optional.empty();
        }
        byte[] fingerprint = fingerprint(user.hash(), password);
        byte[] known = verified.get(name);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return Optional.of(user.roles());
        }
        if (!PasswordHash.matches(password, user.hash())) {
            return Optional.empty();
        }
        verified.put(name, fingerprint);
        return Optional.of(user.roles());
    }

    private synchronized void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(loadedAt)) {
                users = UsersFile.read(file);
                verified.clear();
                loadedAt = modified;
            }
        } catch (IOException e) {
            // Unreadable or malformed: nobody logs in until it is fixed (fail closed).
            users = Map.of();
            verified.clear();
            loadedAt = null;
            throw new IllegalStateException("users file " + file + " unreadable: " + e.getMessage(), e);
        }
    }

    private static byte[] fingerprint(String storedHash, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
