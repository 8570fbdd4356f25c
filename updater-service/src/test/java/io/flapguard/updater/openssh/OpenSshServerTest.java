package io.flapguard.updater.openssh;

import static io.flapguard.updater.testing.RouterFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flapguard.brokers.Ports;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.RunListener;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.Step;
import io.flapguard.updater.ssh.HostKeys;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.wire.ResultStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook against a real OpenSSH server (Debian openssh-server), not only the MINA-based simulator: sshd runs
 * on a loopback port with its own config and host key; a ForceCommand shell with POSIX sh stand-ins plays RutOS.
 * Skipped, with the reason shown, when sshd or ssh-keygen is not installed (apt package openssh-server).
 */
class OpenSshServerTest {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final List<String> STAND_INS = List.of("rutos-shell", "bin/gsmctl", "bin/opkg", "bin/df", "bin/ubus",
            "bin/mnf_info", "pkg/modem_updater");

    @TempDir
    Path temp;
    Path root;
    Process sshd;
    int port;
    SshConnector connector;

    @BeforeEach
    void startSshd() throws Exception {
        assumeTrue(Files.isExecutable(SSHD), "skipped: " + SSHD + " missing (apt-get install openssh-server)");
        assumeTrue(Files.isExecutable(SSH_KEYGEN), "skipped: " + SSH_KEYGEN + " missing (apt-get install openssh-client)");
        root = Files.createDirectories(temp.resolve("router"));
        for (String name : STAND_INS) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            try (InputStream in = getClass().getResourceAsStream("/openssh/" + name)) {
                Files.copy(in, file);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/version"), "RUTX_R_00.07.02.7\n");
        Files.createDirectories(root.resolve("state"));
        Files.writeString(root.resolve("state/modem_firmware"), "EG12EAPAR01A09M4G\n");
        Files.writeString(root.resolve("state/flash_count"), "0\n");
        Files.writeString(root.resolve("state/serial"), "1100000101\n");

        Path hostKey = temp.resolve("ssh_host_ed25519_key");
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "test-sshd", "-f", hostKey.toString());
        Path authorized = temp.resolve("authorized_keys");
        Files.writeString(authorized, RouterFixture.authorizedKeyLine() + "\n");
        try {
            Files.createDirectories(Path.of("/run/sshd"));   // sshd's privilege-separation directory
        } catch (IOException e) {
            assumeTrue(false, "skipped: cannot create /run/sshd for sshd (" + e.getMessage() + ")");
        }
        port = Ports.free();
        Path config = temp.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + temp.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "ForceCommand " + root.resolve("rutos-shell"),
                "LogLevel VERBOSE", ""));
        run(SSHD.toString(), "-t", "-f", config.toString());
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("sshd.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sshd.isAlive() && accepts(port));

        // Pin the real server's host key: known_hosts line for [127.0.0.1]:port.
        String publicKey = Files.readString(Path.of(hostKey + ".pub")).strip();
        RouterFixture fixture = new RouterFixture(Files.createDirectories(temp.resolve("client")));
        Files.writeString(fixture.knownHosts, "[127.0.0.1]:" + port + " " + publicKey + "\n");
        connector = new SshConnector(new HostKeys(Map.of(), Optional.of(fixture.knownHosts), false),
                System.getProperty("user.name"), fixture.privateKey, Duration.ofSeconds(5));
        this.fixture = fixture;
    }

    RouterFixture fixture;

    @AfterEach
    void stopSshd() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlineHappyPathRunsAgainstOpenSsh() throws Exception {
        List<Integer> percents = new CopyOnWriteArrayList<>();
        List<Step> steps = new CopyOnWriteArrayList<>();
        Outcome outcome = fixture.runbook(connector, false).run(
                new CommandValidator(Set.of(TARGET)).validate(Commands.command("1100000101", "EG12EAPAR01A09M4G", TARGET)),
                new SshTarget("127.0.0.1", port), Runbook.Mode.UPDATE, new RunListener() {
                    @Override
                    public void progress(Step step, Integer percent) {
                        steps.add(step);
                        if (percent != null) {
                            percents.add(percent);
                        }
                    }

                    @Override
                    public void beforeFlash() {
                    }
                });

        assertThat(outcome.status()).as(outcome + "\nsshd log:\n" + sshdLog()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(outcome.installedFirmware()).isEqualTo(TARGET);
        assertThat(Files.readString(root.resolve("state/modem_firmware")).strip()).isEqualTo(TARGET);
        assertThat(Files.readString(root.resolve("state/flash_count")).strip()).isEqualTo("1");
        assertThat(Files.exists(root.resolve("bin/modem_updater"))).as("installed through opkg").isTrue();
        assertThat(percents).contains(10, 100);
        assertThat(steps).contains(Step.IDENTIFY, Step.ENSURE_TOOL, Step.LIST, Step.UPDATE, Step.CONFIRM);
    }

    @Test
    void aChangedHostKeyIsRefusedByTheRealServerToo() throws Exception {
        Path other = temp.resolve("other_key");
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        Files.writeString(fixture.knownHosts, "[127.0.0.1]:" + port + " " + Files.readString(Path.of(other + ".pub")).strip() + "\n");
        Outcome outcome = fixture.runbook(connector, false).run(
                new CommandValidator(Set.of(TARGET)).validate(Commands.command("1100000102", "EG12EAPAR01A09M4G", TARGET)),
                new SshTarget("127.0.0.1", port), Runbook.Mode.UPDATE, RunListener.NONE);
        assertThat(outcome.status()).isEqualTo(ResultStatus.REFUSED_HOST_KEY);
        assertThat(Files.readString(root.resolve("state/flash_count")).strip()).isEqualTo("0");
    }

    private String sshdLog() {
        try {
            return Files.readString(temp.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
