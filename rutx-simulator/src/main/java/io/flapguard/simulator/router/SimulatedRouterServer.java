package io.flapguard.simulator.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * One simulated RUTX reachable over SSH on 127.0.0.1: user {@code root} with public-key auth,
 * exec commands interpreted by {@link RutosShell}, SFTP into the router's filesystem folder.
 * Threads come from {@link SharedSshResources}, so many servers can run in one JVM.
 */
public final class SimulatedRouterServer implements AutoCloseable {

    public static final String USER = "root";
    private static final String HOST = "127.0.0.1";

    private final SimulatedRouter router;
    private final RouterFileSystem fileSystem;
    private final PersistentHostKey hostKey;
    private final SshServer sshd;

    private SimulatedRouterServer(Builder builder) throws IOException {
        this.router = builder.router;
        this.fileSystem = new RouterFileSystem(builder.stateFolder.resolve("fs"));
        this.hostKey = new PersistentHostKey(builder.stateFolder);
        SharedSshResources shared = builder.resources;
        RutosShell shell = new RutosShell(router, fileSystem);

        sshd = SshServer.setUpDefaultServer();
        sshd.setHost(HOST);
        sshd.setPort(builder.port);
        sshd.setIoServiceFactoryFactory(shared.ioServiceFactoryFactory());
        sshd.setScheduledExecutorService(shared.timer(), false);
        sshd.setKeyPairProvider(hostKey.provider());
        KeySetPublickeyAuthenticator keys = new KeySetPublickeyAuthenticator(router.serial(), List.copyOf(builder.authorizedKeys));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && keys.authenticate(user, key, session));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> new RutosExecCommand(command, shell, shared.commands()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(fileSystem.root()));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new TmpSpaceGuard(router, fileSystem));
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.start();
    }

    public static Builder builder(SimulatedRouter router, Path stateFolder) {
        return new Builder(router, stateFolder);
    }

    public SimulatedRouter router() {
        return router;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return sshd.getPort();
    }

    public PublicKey hostPublicKey() {
        return hostKey.publicKey();
    }

    /** The host key's {@code SHA256:...} fingerprint as OpenSSH prints it. */
    public String hostKeyFingerprint() {
        return hostKey.fingerprint();
    }

    /** An OpenSSH known_hosts line, e.g. {@code [127.0.0.1]:40123 ssh-ed25519 AAAA...}. */
    public String knownHostsLine(String host) {
        String name = port() == 22 ? host : "[" + host + "]:" + port();
        return name + " " + hostKey.openSshPublicKey();
    }

    /** The host folder standing in for the router's {@code /}; uploads land below it. */
    public Path fileSystemRoot() {
        return fileSystem.root();
    }

    /** Stops listening and closes open sessions; a running flash still finishes on the router. */
    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to start a router; only the router, a state folder and one authorized key are needed. */
    public static final class Builder {
        private final SimulatedRouter router;
        private final Path stateFolder;
        private final List<PublicKey> authorizedKeys = new ArrayList<>();
        private int port;
        private SharedSshResources resources = SharedSshResources.defaults();

        private Builder(SimulatedRouter router, Path stateFolder) {
            this.router = Objects.requireNonNull(router);
            this.stateFolder = Objects.requireNonNull(stateFolder);
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder authorizedKey(PublicKey key) {
            authorizedKeys.add(Objects.requireNonNull(key));
            return this;
        }

        /** A line of an authorized_keys file, e.g. {@code ssh-ed25519 AAAA... updater@flapguard}. */
        public Builder authorizedKey(String authorizedKeysLine) {
            try {
                authorizedKeys.add(AuthorizedKeyEntry.parseAuthorizedKeyEntry(authorizedKeysLine)
                        .resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("Unusable authorized key: " + authorizedKeysLine, e);
            }
            return this;
        }

        public Builder resources(SharedSshResources shared) {
            this.resources = Objects.requireNonNull(shared);
            return this;
        }

        public SimulatedRouterServer start() throws IOException {
            if (authorizedKeys.isEmpty()) {
                throw new IllegalStateException("A router without authorized keys would refuse every client");
            }
            return new SimulatedRouterServer(this);
        }
    }
}
