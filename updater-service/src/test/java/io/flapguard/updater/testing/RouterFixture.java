package io.flapguard.updater.testing;

import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.RunbookSettings;
import io.flapguard.updater.ssh.HostKeys;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.validate.OfflineFolders;
import io.flapguard.updater.validate.PackageManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** A client key on disk, simulated routers and the updater's SSH pieces pointed at them, for tests. */
public final class RouterFixture implements AutoCloseable {
    public static final String TARGET = "EG12EAPAR01A12M4G";
    private static final KeyPair CLIENT_KEY = newKey();

    public final Path folder;
    public final Path privateKey;
    public final Path knownHosts;
    public final Path firmwareStore;

    public RouterFixture(Path folder) {
        this.folder = folder;
        this.privateKey = folder.resolve("id_updater");
        this.knownHosts = folder.resolve("known_hosts");
        this.firmwareStore = folder.resolve("firmware");
        try {
            try (OutputStream out = Files.newOutputStream(privateKey)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(CLIENT_KEY, "updater@flapguard", null, out);
            }
            Path firehose = Files.createDirectories(firmwareStore.resolve(TARGET).resolve("update").resolve("firehose"));
            Files.write(firehose.resolve("prog_firehose_sdx24.mbn"), new byte[64 * 1024]);
            Files.write(firehose.resolve("rawprogram_nand_p4K_b256K_update.xml"), "<data/>".getBytes());
            writeManifest();
            Files.createFile(knownHosts);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the package's SHA256SUMS as {@code sha256sum} would; call again after changing the package on purpose. */
    public void writeManifest() throws IOException {
        Path pkg = firmwareStore.resolve(TARGET);
        StringBuilder sums = new StringBuilder();
        try (var files = Files.walk(pkg)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = pkg.relativize(f).toString();
                if (!relative.equals(PackageManifest.FILE_NAME)) {
                    sums.append(PackageManifest.sha256(f)).append("  ").append(relative).append('\n');
                }
            }
        }
        Files.writeString(pkg.resolve(PackageManifest.FILE_NAME), sums);
    }

    /** The digest of the package's manifest, as the allowlist entry names it. */
    public String manifestDigest() {
        try {
            return PackageManifest.sha256(firmwareStore.resolve(TARGET).resolve(PackageManifest.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String authorizedKeyLine() {
        return PublicKeyEntry.toString(CLIENT_KEY.getPublic()) + " updater@flapguard";
    }

    /** A router that knows our key, with a short update, listed in known_hosts unless {@code known} is false. */
    public SimulatedRouterServer start(SimulatedRouter router, boolean known) {
        return start(router, known, 0);
    }

    /** As {@link #start(SimulatedRouter, boolean)}, on a chosen port (0: any free one). */
    public SimulatedRouterServer start(SimulatedRouter router, boolean known, int port) {
        try {
            SimulatedRouterServer server = SimulatedRouterServer.builder(router, folder.resolve("router-" + router.serial()))
                    .port(port).authorizedKey(CLIENT_KEY.getPublic()).start();
            if (known) {
                Files.writeString(knownHosts, server.knownHostsLine(server.host()) + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SimulatedRouter router(String serial) {
        return new SimulatedRouter(serial).updateDuration(Duration.ofMillis(400));
    }

    public static SshTarget targetOf(SimulatedRouterServer server) {
        return new SshTarget(server.host(), server.port());
    }

    public SshConnector connector(Map<String, String> pinned, boolean tofu) {
        return new SshConnector(new HostKeys(pinned, Optional.of(knownHosts), tofu), "root", privateKey, Duration.ofSeconds(5));
    }

    public RunbookSettings settings(boolean offlineAlways) {
        return new RunbookSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(100), Optional.of(firmwareStore),
                new OfflineFolders("/tmp/flapguard-fw/"), offlineAlways, 1024, Map.of(TARGET, manifestDigest()));
    }

    public Runbook runbook(SshConnector connector, boolean offlineAlways) {
        return new Runbook(connector, settings(offlineAlways));
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
    }
}
