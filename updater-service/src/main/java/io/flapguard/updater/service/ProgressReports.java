package io.flapguard.updater.service;

import io.flapguard.updater.results.ResultPublisher;
import io.flapguard.wire.RemediationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Progress and never-stored refusals: best effort, not through the outbox, and on their own thread: a send blocks
 * while Kafka is away (waiting for metadata), and that must not stall the runbook reading the flash output. When the
 * queue is full the oldest progress is dropped.
 */
@ApplicationScoped
public class ProgressReports {
    private static final Logger LOG = Logger.getLogger(ProgressReports.class);

    @Inject
    ResultPublisher results;

    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1_000), run -> new Thread(run, "updater-progress"),
            new ThreadPoolExecutor.DiscardOldestPolicy());

    public void publish(RemediationResult r) {
        sender.execute(() -> {
            try {
                results.publish(r);
            } catch (RuntimeException e) {
                LOG.warnf("%s: result not published: %s", r.commandId(), e.getMessage());
            }
        });
    }

    /** Called by {@link UpdaterLifecycle} before the publisher closes. */
    void stop() {
        sender.shutdownNow();
    }
}
