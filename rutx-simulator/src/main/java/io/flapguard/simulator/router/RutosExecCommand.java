package io.flapguard.simulator.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One SSH exec request, run by {@link RutosShell} on a pooled thread. The command keeps running
 * when the channel goes away (a flash must finish); its later output is simply dropped.
 */
final class RutosExecCommand implements Command, ShellChannel {

    private final String commandLine;
    private final RutosShell shell;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile OutputStream out;
    private volatile OutputStream err;
    private volatile ExitCallback exitCallback;
    private volatile ChannelSession channel;

    RutosExecCommand(String commandLine, RutosShell shell, ExecutorService executor) {
        this.commandLine = commandLine;
        this.shell = shell;
        this.executor = executor;
    }

    @Override
    public void setInputStream(InputStream in) {
        // no command reads stdin
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        executor.execute(this::runShell);
    }

    private void runShell() {
        int status;
        try {
            status = shell.run(commandLine, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 130;
        } catch (RuntimeException e) {
            err("ash: " + e);
            status = 1;
        }
        if (closed.getCount() > 0) {
            exitCallback.onExit(status);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        closed.countDown();
    }

    @Override
    public void out(String line) {
        write(out, line);
    }

    @Override
    public void err(String line) {
        write(err, line);
    }

    private void write(OutputStream stream, String line) {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            synchronized (this) {
                stream.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                stream.flush();
            }
        } catch (IOException e) {
            closed.countDown();     // the client went away; keep working silently
        }
    }

    @Override
    public void dropSession() {
        closed.countDown();
        channel.getSession().close(true);
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
