package io.flapguard.simulator.router;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;

/**
 * Threads all simulated routers share, so a thousand servers do not bring a thousand NIO groups,
 * timers and pools: one NIO2 channel group, one timer, one pool for running commands.
 * MINA makes all these threads daemons; {@link #defaults()} lives as long as the JVM.
 */
public final class SharedSshResources implements AutoCloseable {

    private static volatile SharedSshResources defaults;

    private final Nio2ServiceFactory io;
    private final ScheduledExecutorService timer;
    private final ExecutorService commands;

    public SharedSshResources(int nioWorkers) {
        // An unstarted server only serves as the source of properties for the shared factory.
        SshServer propertySource = SshServer.setUpDefaultServer();
        CoreModuleProperties.NIO_WORKERS.set(propertySource, nioWorkers);
        this.io = new Nio2ServiceFactory(propertySource, null, null);
        this.timer = ThreadUtils.newSingleThreadScheduledExecutor("rutx-sim-timer");
        this.commands = ThreadUtils.newCachedThreadPool("rutx-sim-exec");
    }

    /** The JVM-wide instance with two NIO workers (the build machines have two cores). */
    public static SharedSshResources defaults() {
        if (defaults == null) {
            synchronized (SharedSshResources.class) {
                if (defaults == null) {
                    defaults = new SharedSshResources(2);
                }
            }
        }
        return defaults;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService commands() {
        return commands;
    }

    IoServiceFactoryFactory ioServiceFactoryFactory() {
        return new IoServiceFactoryFactory() {
            @Override
            public IoServiceFactory create(FactoryManager manager) {
                return new BorrowedIoServiceFactory(io);
            }

            @Override
            public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
                // the shared workers are fixed
            }
        };
    }

    @Override
    public void close() {
        io.close(true);
        timer.shutdownNow();
        commands.shutdownNow();
    }

    /** Lends the shared factory to one server; the server closing it must not close the shared one. */
    private static final class BorrowedIoServiceFactory extends AbstractCloseable implements IoServiceFactory {
        private final Nio2ServiceFactory shared;

        BorrowedIoServiceFactory(Nio2ServiceFactory shared) {
            this.shared = shared;
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return shared.createConnector(handler);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return shared.createAcceptor(handler);
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return shared.getIoServiceEventListener();
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            // per-server listeners would leak into all routers; none are used
        }
    }
}
