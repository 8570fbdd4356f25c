package io.flapguard.updater.service;

import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.results.ResultPublisher;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.ssh.SshConnector;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The updater's start and stop as named steps. Start: recover from the jobs topic, then tick. Stop: no new starts,
 * no running attempts, no progress, then the outbox, SSH and Kafka clients close, in that order.
 */
@ApplicationScoped
public class UpdaterLifecycle {
    @Inject
    JobRecovery recovery;
    @Inject
    RolloutScheduler scheduler;
    @Inject
    JobRunner runner;
    @Inject
    ProgressReports progress;
    @Inject
    ResultOutbox outbox;
    @Inject
    SshConnector connector;
    @Inject
    KafkaJobStore jobs;
    @Inject
    ResultPublisher results;
    /**
     * Injected so the trusted signing keys are read at start: a missing or unreadable key file stops the start, and
     * the log names the key ids that commands must be signed by (not only once the first command arrives).
     */
    @Inject
    CommandVerifier verifier;

    void start(@Observes StartupEvent event) {
        recovery.recover();
        scheduler.start();
    }

    void stop(@Observes ShutdownEvent event) {
        scheduler.stop();
        runner.stop();
        progress.stop();
        outbox.close();
        connector.close();
        jobs.close();
        results.close();
    }
}
