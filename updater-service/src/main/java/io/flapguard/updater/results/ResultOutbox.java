package io.flapguard.updater.results;

import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.retry.Backoff;
import io.flapguard.wire.RemediationResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers the results waiting in job records ({@link JobRecord#outbox()}): a result is saved with the state it
 * reports, then sent until Kafka acknowledges it, then removed from the record. Kafka being away, a rejected
 * write or a restart of the updater only delays a result (a restart re-reads the outboxes from the jobs topic);
 * a crash between the acknowledgement and the removal sends it twice, never zero times.
 */
public final class ResultOutbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResultOutbox.class);
    private final KafkaJobStore jobs;
    private final ResultPublisher publisher;
    private final Backoff backoff;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "updater-result-outbox");
        t.setDaemon(true);
        return t;
    });

    public ResultOutbox(KafkaJobStore jobs, ResultPublisher publisher, Duration minBackoff, Duration maxBackoff) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.backoff = new Backoff(minBackoff, maxBackoff);   // used on the sender thread only
    }

    /** The job's outbox has results: deliver them soon. */
    public void wake(String commandId) {
        waiting.add(commandId);
        schedule(Duration.ZERO);
    }

    /** After a restart: every job whose outbox was not empty when the updater stopped. */
    public void resume() {
        jobs.all().stream().filter(j -> !j.outbox().isEmpty()).forEach(j -> waiting.add(j.commandId()));
        if (!waiting.isEmpty()) {
            LOG.infof("%d jobs have results not yet acknowledged by Kafka; sending them again", waiting.size());
            schedule(Duration.ZERO);
        }
    }

    /** Results saved but not yet acknowledged by Kafka. */
    public int pending() {
        return jobs.all().stream().mapToInt(j -> j.outbox().size()).sum();
    }

    private void schedule(Duration delay) {
        if (drainScheduled.compareAndSet(false, true)) {
            sender.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (String commandId : List.copyOf(waiting)) {
            if (!deliver(commandId)) {
                schedule(backoff.next());
                return;
            }
        }
        backoff.reset();
        if (!waiting.isEmpty()) {
            schedule(Duration.ZERO);   // woken while draining
        }
    }

    /** Sends one job's outbox in order; true when it is empty afterwards. */
    private boolean deliver(String commandId) {
        waiting.remove(commandId);
        List<RemediationResult> outbox = jobs.get(commandId).map(JobRecord::outbox).orElse(List.of());
        try {
            for (RemediationResult r : outbox) {
                publisher.deliver(r);
            }
            if (!outbox.isEmpty()) {
                JobRecord left = jobs.update(commandId, j -> j.delivered(outbox));
                if (!left.outbox().isEmpty()) {
                    waiting.add(commandId);   // more arrived meanwhile
                }
            }
            return true;
        } catch (RuntimeException e) {
            waiting.add(commandId);
            LOG.warnf("%s: %d result(s) not acknowledged yet, will send again in %s: %s", commandId, outbox.size(),
                    backoff.peek(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
