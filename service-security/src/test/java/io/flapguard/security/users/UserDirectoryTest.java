package io.flapguard.security.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.security.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void storesSaltedHashesOnlyAndChecksPasswords() throws Exception {
        Path file = dir.resolve("users");
        UsersFile.put(file, "ana", Set.of(Roles.OPERATOR), "s3cret-pass".toCharArray());
        UsersFile.put(file, "bo", Set.of(Roles.VIEWER), "s3cret-pass".toCharArray());

        String text = Files.readString(file);
        assertThat(text).doesNotContain("s3cret-pass").contains("ana:operator:pbkdf2-sha256$600000$");
        assertThat(UsersFile.read(file).get("ana").hash()).as("same password, different salt")
                .isNotEqualTo(UsersFile.read(file).get("bo").hash());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        UserDirectory users = new UserDirectory(file);
        assertThat(users.verify("ana", "s3cret-pass".toCharArray())).contains(Set.of(Roles.OPERATOR));
        assertThat(users.verify("ana", "s3cret-pass".toCharArray())).as("remembered").contains(Set.of(Roles.OPERATOR));
        assertThat(users.verify("ana", "wrong".toCharArray())).isEmpty();
        assertThat(users.verify("nobody", "s3cret-pass".toCharArray())).isEmpty();
    }

    @Test
    void aChangedFileIsReadAgainAndForgetsRememberedLogins() throws Exception {
        Path file = dir.resolve("users");
        UsersFile.put(file, "ana", Set.of(Roles.ADMIN), "first".toCharArray());
        UserDirectory users = new UserDirectory(file);
        assertThat(users.verify("ana", "first".toCharArray())).isPresent();

        UsersFile.put(file, "ana", Set.of(Roles.VIEWER), "second".toCharArray());
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5))); // coarse mtime clocks
        assertThat(users.verify("ana", "first".toCharArray())).isEmpty();
        assertThat(users.verify("ana", "second".toCharArray())).contains(Set.of(Roles.VIEWER));
    }

    @Test
    void refusesBadNamesRolesAndLines() throws Exception {
        Path file = dir.resolve("users");
        assertThatThrownBy(() -> UsersFile.put(file, "Robert'); --", Set.of(Roles.VIEWER), "x".toCharArray()))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> UsersFile.put(file, "ana", Set.of("root"), "x".toCharArray()))
                .hasMessageContaining("unknown role 'root'");
        Files.writeString(file, "ana:admin:plaintext\n");
        assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("line 1");
        UserDirectory users = new UserDirectory(file);
        assertThatThrownBy(() -> users.verify("ana", "plaintext".toCharArray())).hasMessageContaining("unreadable");
    }

    @Test
    void adminImpliesEveryRoleAndActorsMayRead() {
        assertThat(Roles.expand(Set.of(Roles.ADMIN))).containsExactlyInAnyOrderElementsOf(Roles.ALL);
        assertThat(Roles.expand(Set.of(Roles.OPERATOR))).containsExactlyInAnyOrder(Roles.OPERATOR, Roles.VIEWER);
        assertThat(Roles.expand(Set.of(Roles.APPROVER))).containsExactlyInAnyOrder(Roles.APPROVER, Roles.VIEWER);
        assertThat(Roles.expand(Set.of(Roles.VIEWER))).containsExactly(Roles.VIEWER);
    }
}
