package io.flapguard.brokers.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
    @TempDir
    Path dir;

    @Test
    void storesOnlyASaltedHashInAPrivateFileAndTheGeneratedPasswordMatchesIt() throws Exception {
        IdentityFile file = new IdentityFile(dir.resolve("mqtt/identities"));
        String password = file.add("1117759414", MqttRole.ROUTER);
        assertThat(password).matches("[A-Za-z0-9_-]{43}");
        String content = Files.readString(file.path());
        assertThat(content).doesNotContain(password).contains("1117759414:router:$7$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        MqttIdentity id = file.read().get("1117759414");
        assertThat(id.role()).isEqualTo(MqttRole.ROUTER);
        assertThat(id.password().matches(password.toCharArray())).isTrue();

        String rotated = file.add("1117759414", MqttRole.ROUTER);
        assertThat(file.read()).hasSize(1);
        assertThat(file.read().get("1117759414").password().matches(password.toCharArray())).isFalse();
        assertThat(file.read().get("1117759414").password().matches(rotated.toCharArray())).isTrue();
        assertThat(file.remove("1117759414")).isTrue();
        assertThat(file.read()).isEmpty();
    }

    @Test
    void aServiceAccountIsMadeOnceWithItsPasswordInAPrivateFile() throws Exception {
        IdentityFile file = new IdentityFile(dir.resolve("identities"));
        Path secret = dir.resolve("secrets/telemetry.password");
        file.ensureServiceAccount("flapguard-telemetry", MqttRole.TELEMETRY, secret);
        String password = Files.readString(secret).strip();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        file.ensureServiceAccount("flapguard-telemetry", MqttRole.TELEMETRY, secret);
        assertThat(Files.readString(secret).strip()).isEqualTo(password);
        assertThat(file.read().get("flapguard-telemetry").password().matches(password.toCharArray())).isTrue();
    }

    @Test
    void usernamesThatCouldWidenATopicFilterAreRefused() {
        IdentityFile file = new IdentityFile(dir.resolve("identities"));
        for (String bad : new String[] {"+", "#", "a/b", "", "x:y"}) {
            assertThatThrownBy(() -> file.add(bad, MqttRole.ROUTER)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBadLineIsNamedByNumberNotByContent() throws Exception {
        Path p = dir.resolve("identities");
        Files.writeString(p, "# comment\nrouter-1:router:$7$10$AAAA$c2VjcmV0LWxlYWs=\n");
        assertThatThrownBy(() -> new IdentityFile(p).read()).hasMessageContaining("line 2")
                .hasMessageNotContaining("c2VjcmV0LWxlYWs");
    }
}
