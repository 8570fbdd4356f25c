package io.flapguard.simulator.fleet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * What the updater needs to reach the simulated routers, written into the fleet folder:
 * <ul>
 * <li>{@code ssh/id_ed25519} (OpenSSH private key format, readable by SSHJ and ssh) and {@code ssh/id_ed25519.pub}:
 * the client key every router authorizes; kept across runs so a running updater keeps working;</li>
 * <li>{@code ssh/known_hosts}: one OpenSSH line per router ({@code [127.0.0.1]:port ssh-ed25519 ...});</li>
 * <li>{@code routers.csv}: {@code serial,host,port,hostKeyFingerprint} with a header;</li>
 * <li>{@code routers.hosts}: {@code serial host:port} lines, the hosts-file format of the updater's
 * RouterAddressBook.</li>
 * </ul>
 * Router files are replaced atomically because the updater re-reads them when they change.
 */
public record FleetFiles(Path folder) {

    public static final String COMMENT = "flapguard-updater@fleet-simulator";

    public Path privateKey() {
        return folder.resolve("ssh").resolve("id_ed25519");
    }

    public Path publicKey() {
        return folder.resolve("ssh").resolve("id_ed25519.pub");
    }

    public Path knownHosts() {
        return folder.resolve("ssh").resolve("known_hosts");
    }

    public Path routersCsv() {
        return folder.resolve("routers.csv");
    }

    public Path hostsFile() {
        return folder.resolve("routers.hosts");
    }

    /** The updater-service settings (docs/config-updater.md) that point it at this fleet. */
    public Map<String, String> updaterProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("flapguard.updater.ssh.private-key", privateKey().toAbsolutePath().toString());
        properties.put("flapguard.updater.ssh.known-hosts", knownHosts().toAbsolutePath().toString());
        properties.put("flapguard.updater.ssh.hosts-file", hostsFile().toAbsolutePath().toString());
        properties.put("flapguard.updater.ssh.address-template", "none");
        return properties;
    }

    /** Each router's SSH state (host key, file system) lives below this. */
    public Path routerState(String serial) {
        return folder.resolve("routers").resolve(serial);
    }

    /** The authorized_keys line of the client key, generating the key pair on first use. */
    String ensureClientKey() {
        try {
            if (Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())) {
                return Files.readString(publicKey()).strip();
            }
            Files.createDirectories(privateKey().getParent());
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Path tmp = privateKey().resolveSibling("id_ed25519.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, null, out);
            }
            restrictToOwner(tmp);
            Files.move(tmp, privateKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String line = PublicKeyEntry.toString(pair.getPublic()) + " " + COMMENT;
            write(publicKey(), line + "\n");
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet's SSH client key in " + privateKey().getParent(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ssh-ed25519 key (is BouncyCastle on the classpath?)", e);
        }
    }

    void writeRouters(List<FleetRouter> routers) {
        StringBuilder known = new StringBuilder();
        StringBuilder csv = new StringBuilder("serial,host,port,hostKeyFingerprint\n");
        StringBuilder hosts = new StringBuilder("# serial host:port of each simulated router (written by fleet-simulator)\n");
        for (FleetRouter r : routers) {
            String host = r.server().host();
            int port = r.server().port();
            known.append(r.server().knownHostsLine(host)).append('\n');
            csv.append(r.serial()).append(',').append(host).append(',').append(port).append(',')
                    .append(r.server().hostKeyFingerprint()).append('\n');
            hosts.append(r.serial()).append(' ').append(host).append(':').append(port).append('\n');
        }
        try {
            Files.createDirectories(knownHosts().getParent());
            write(knownHosts(), known.toString());
            write(routersCsv(), csv.toString());
            write(hostsFile(), hosts.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write router files in " + folder, e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; nothing more to do
        }
    }
}
