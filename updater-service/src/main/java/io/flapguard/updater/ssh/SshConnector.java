package io.flapguard.updater.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Opens authenticated SSH sessions to routers: host key verified by {@link HostKeys}, public-key login as the
 * configured user with the configured private key file (loaded once; its content and path are never logged), with
 * keepalives that notice a router gone silent and a cap on the output kept ({@link SshLimits}).
 */
public final class SshConnector implements AutoCloseable {
    private final HostKeys hostKeys;
    private final String user;
    private final Path privateKeyFile;
    private final Duration connectTimeout;
    private final SshLimits limits;
    private final DefaultConfig config = new DefaultConfig();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-step-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong connections = new AtomicLong();
    private volatile KeyProvider keys;

    public SshConnector(HostKeys hostKeys, String user, Path privateKeyFile, Duration connectTimeout) {
        this(hostKeys, user, privateKeyFile, connectTimeout, SshLimits.DEFAULTS);
    }

    public SshConnector(HostKeys hostKeys, String user, Path privateKeyFile, Duration connectTimeout, SshLimits limits) {
        this.hostKeys = hostKeys;
        this.user = user;
        this.privateKeyFile = privateKeyFile;
        this.connectTimeout = connectTimeout;
        this.limits = limits;
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);   // expects answers, unlike the default heartbeat
    }

    public RouterSession open(String serial, SshTarget target) throws HostKeyRefusedException, IOException {
        SSHClient client = new SSHClient(config);
        HostKeys.Check check = hostKeys.checkFor(serial);
        client.addHostKeyVerifier(check);
        client.setConnectTimeout((int) connectTimeout.toMillis());
        client.setTimeout((int) connectTimeout.toMillis());
        // Before connect: SSHJ starts the keepalive thread on connect when an interval is set. A router that stops
        // answering is dropped after interval × count, which ends whatever step was waiting on it.
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) limits.keepaliveInterval().toSeconds());
        ((KeepAliveRunner) client.getConnection().getKeepAlive()).setMaxAliveCount(limits.keepaliveCountMax());
        try {
            client.connect(target.host(), target.port());
            // After the handshake, the socket may be idle for long (a flash prints nothing for a while).
            client.setTimeout(0);
            client.authPublickey(user, keys(client));
            connections.incrementAndGet();
            return new RouterSession(client, watchdog, limits);
        } catch (TransportException e) {
            close(client);
            if (check.refusal() != null) {
                throw new HostKeyRefusedException(check.refusal());
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            close(client);
            throw e;
        }
    }

    /** SSH connections opened since start (for the benchmark and metrics). */
    public long connectionsOpened() {
        return connections.get();
    }

    private KeyProvider keys(SSHClient client) throws IOException {
        KeyProvider loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    try {
                        keys = client.loadKeys(privateKeyFile.toString());
                    } catch (IOException e) {
                        // The message names neither the key nor its content.
                        throw new IOException("cannot load the updater's SSH private key (flapguard.updater.ssh.private-key)");
                    }
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private static void close(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one worth reporting
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
