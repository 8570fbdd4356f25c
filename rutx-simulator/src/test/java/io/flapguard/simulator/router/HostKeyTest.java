package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyTest {

    @TempDir
    Path state;

    private SimulatedRouterServer start() throws IOException {
        return SimulatedRouterServer.builder(new SimulatedRouter("1100000001"), state)
                .authorizedKey(RouterSsh.CLIENT_KEY.getPublic())
                .start();
    }

    @Test
    void hostKeyIsEd25519AndSurvivesARestartWithTheSameFolder() throws IOException {
        String fingerprint;
        try (SimulatedRouterServer first = start()) {
            fingerprint = first.hostKeyFingerprint();
            assertThat(fingerprint).matches("SHA256:[A-Za-z0-9+/]{43}");
            assertThat(first.knownHostsLine("127.0.0.1"))
                    .matches("\\[127\\.0\\.0\\.1]:" + first.port() + " ssh-ed25519 AAAA[A-Za-z0-9+/=]+");
        }
        try (SimulatedRouterServer second = start(); RouterSsh ssh = RouterSsh.connect(second)) {
            assertThat(second.hostKeyFingerprint()).isEqualTo(fingerprint);
            assertThat(ssh.exec("cat /etc/version").out()).isEqualTo("RUTX_R_00.07.02.7");
        }
        assertThat(state.resolve(PersistentHostKey.FILE_NAME)).exists();
    }

    @Test
    void knownHostsLineIsAcceptedByAnOpenSshKnownHostsFile() throws IOException {
        try (SimulatedRouterServer server = start(); SSHClient client = new SSHClient()) {
            Path knownHosts = Files.writeString(state.resolve("known_hosts"), server.knownHostsLine("127.0.0.1") + "\n");
            client.loadKnownHosts(knownHosts.toFile());
            client.connect("127.0.0.1", server.port());
            client.authPublickey("root", new KeyPairWrapper(RouterSsh.CLIENT_KEY));
            assertThat(client.isAuthenticated()).isTrue();
        }
    }

    @Test
    void unknownClientKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair stranger = generator.generateKeyPair();
        try (SimulatedRouterServer server = start()) {
            assertThatThrownBy(() -> RouterSsh.connect(server, stranger)).isInstanceOf(UserAuthException.class);
        }
    }
}
