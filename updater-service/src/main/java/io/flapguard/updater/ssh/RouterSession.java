package io.flapguard.updater.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * One logged-in SSH connection to a router. Every command runs in its own exec channel under a time limit:
 * a watchdog closes the channel when the limit passes, which ends the blocking read.
 */
public final class RouterSession implements AutoCloseable {
    private final SSHClient client;
    private final ScheduledExecutorService watchdog;
    private final SshLimits limits;

    RouterSession(SSHClient client, ScheduledExecutorService watchdog, SshLimits limits) {
        this.client = client;
        this.watchdog = watchdog;
        this.limits = limits;
    }

    public ExecResult exec(String command, Duration limit) throws StepTimeoutException, IOException {
        return stream(command, limit, line -> { });
    }

    /**
     * Runs the command, handing each stdout line to {@code lines} as it arrives; the result keeps only the tail of the
     * output ({@link SshLimits}).
     */
    public ExecResult stream(String command, Duration limit, Consumer<String> lines)
            throws StepTimeoutException, IOException {
        Session session;
        try {
            session = client.startSession();
        } catch (IllegalStateException e) {
            // SSHJ says "Not connected" this way when the router dropped us between two commands
            throw new IOException("connection lost: " + e.getMessage(), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            closeQuietly(session);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        OutputTail out = new OutputTail(limits.outputMaxLines(), limits.outputMaxBytes());
        OutputTail err = new OutputTail(limits.outputMaxLines(), limits.outputMaxBytes());
        try {
            Session.Command cmd = session.exec(command);
            try (Reader reader = new BufferedReader(new InputStreamReader(cmd.getInputStream(), StandardCharsets.UTF_8))) {
                out.readAll(reader, lines);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new StepTimeoutException(command, limit);
                }
                return new ExecResult(out.lines(), err.lines(), null);   // connection lost (or keepalive gave up)
            }
            try (Reader reader = new BufferedReader(new InputStreamReader(cmd.getErrorStream(), StandardCharsets.UTF_8))) {
                err.readAll(reader, line -> { });
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // stderr is a courtesy; stdout and the exit status decide
            }
            if (timedOut.get()) {
                throw new StepTimeoutException(command, limit);
            }
            try {
                cmd.join(5, TimeUnit.SECONDS);
            } catch (IOException ignored) {
                // no exit status: reported as connection lost below
            }
            if (timedOut.get()) {
                throw new StepTimeoutException(command, limit);
            }
            return new ExecResult(out.lines(), err.lines(), cmd.getExitStatus());
        } finally {
            alarm.cancel(false);
            closeQuietly(session);
        }
    }

    /** Copies a local folder tree into {@code remoteFolder} (which must exist) by SFTP, under a time limit. */
    public void upload(Path localFolder, String remoteFolder, Duration limit) throws StepTimeoutException, IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SFTPClient sftp = client.newSFTPClient()) {
            ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                timedOut.set(true);
                try {
                    sftp.close();
                } catch (IOException ignored) {
                    // closing is the point
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            try (Stream<Path> walk = Files.walk(localFolder)) {
                for (Path p : walk.sorted().toList()) {
                    String relative = localFolder.relativize(p).toString().replace('\\', '/');
                    if (relative.isEmpty()) {
                        continue;
                    }
                    String remote = remoteFolder + relative;
                    if (Files.isDirectory(p)) {
                        sftp.mkdirs(remote);
                    } else {
                        sftp.put(p.toString(), remote);
                    }
                }
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new StepTimeoutException("sftp upload", limit);
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
        }
    }

    public boolean isConnected() {
        return client.isConnected() && client.isAuthenticated();
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException ignored) {
            // the channel may already be gone
        }
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // nothing left to do with a connection we are leaving
        }
    }
}
