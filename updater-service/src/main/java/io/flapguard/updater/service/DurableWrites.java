package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Writes a job's next state, trying again while Kafka is away: the outcome of a run must not be lost, and nothing
 * else may happen to the job before it is durable. Gives up only when the thread is interrupted.
 */
@ApplicationScoped
public class DurableWrites {
    private static final Logger LOG = Logger.getLogger(DurableWrites.class);

    @Inject
    UpdaterConfig config;
    @Inject
    KafkaJobStore jobs;

    /** Ends of attempts whose job state is being written (waiting for Kafka while it is away). */
    private final AtomicInteger waiting = new AtomicInteger();

    public void saveUntilDurable(String commandId, UnaryOperator<JobRecord> change) {
        Backoff backoff = new Backoff(config.outbox().minBackoff(), config.outbox().maxBackoff());
        waiting.incrementAndGet();
        try {
            while (true) {
                try {
                    jobs.update(commandId, change);
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("%s: job state not durable yet, trying again in %s: %s", commandId, backoff.peek(),
                            e.getMessage());
                    if (!backoff.pause()) {
                        throw new IllegalStateException("interrupted before the job state of " + commandId
                                + " was durable", e);
                    }
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Writes waiting now (the {@code flapguard_updater_job_writes_waiting} gauge). */
    public int waiting() {
        return waiting.get();
    }
}
