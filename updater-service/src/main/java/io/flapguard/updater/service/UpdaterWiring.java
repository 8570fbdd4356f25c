package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.results.ResultPublisher;
import io.flapguard.updater.retry.RetryPolicy;
import io.flapguard.updater.rollout.MaintenanceWindow;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutPolicy;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.RunbookSettings;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.ssh.HostKeys;
import io.flapguard.updater.ssh.RouterAddressBook;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.ssh.SshLimits;
import io.flapguard.updater.validate.AllowedTargets;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.OfflineFolders;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Builds the plain (CDI-free, unit-testable) parts of the updater from {@link UpdaterConfig}, once each. Closing
 * them is {@link UpdaterLifecycle}'s job, in a fixed order.
 */
@ApplicationScoped
public class UpdaterWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    CommandVerifier verifier(UpdaterConfig config) {
        return CommandVerifier.fromFiles(config.commandSigning().publicKeys());
    }

    @Produces
    @Singleton
    AllowedTargets allowedTargets(UpdaterConfig config) {
        return AllowedTargets.parse(config.allowedTargets().orElse(List.of()));
    }

    @Produces
    @Singleton
    CommandValidator validator(AllowedTargets allowed) {
        return new CommandValidator(allowed.versions());
    }

    @Produces
    @Singleton
    RolloutEngine engine(UpdaterConfig config, Clock clock) {
        UpdaterConfig.Rollout r = config.rollout();
        Optional<MaintenanceWindow> window = r.windowStart()
                .map(s -> new MaintenanceWindow(s, r.windowLength(), ZoneId.of(r.windowZone())));
        return new RolloutEngine(new RolloutPolicy(r.canarySize(), r.growthFactor(), r.maxConcurrent(),
                r.waveSuccessShare(), r.failurePauseShare(), r.minFinishedForPause(), r.updateDeadline(),
                r.approvalRequired(), r.dryRun(), window), clock);
    }

    @Produces
    @Singleton
    RetryPolicy retryPolicy(UpdaterConfig config) {
        UpdaterConfig.Retry again = config.retry();
        return new RetryPolicy(again.maxAttempts(), again.initialDelay(), again.multiplier(), again.maxDelay(),
                again.jitter(), again.maxAge());
    }

    /** The retry jitter; seeded from configuration when a test wants repeatable delays. */
    @Produces
    @Singleton
    RandomGenerator retryJitter(UpdaterConfig config) {
        return config.retry().seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
    }

    @Produces
    @Singleton
    SshConnector connector(UpdaterConfig config) {
        UpdaterConfig.Ssh ssh = config.ssh();
        return new SshConnector(new HostKeys(ssh.pinnedFingerprints(), ssh.knownHosts(), ssh.trustOnFirstUse()),
                ssh.user(), ssh.privateKey(), ssh.connectTimeout(), new SshLimits(ssh.keepaliveInterval(),
                ssh.keepaliveCountMax(), ssh.outputMaxLines(), ssh.outputMaxBytes()));
    }

    @Produces
    @Singleton
    RouterAddressBook addresses(UpdaterConfig config) {
        return new RouterAddressBook(config.ssh().hostsFile(), config.ssh().addressTemplate());
    }

    @Produces
    @Singleton
    Runbook runbook(UpdaterConfig config, SshConnector connector, AllowedTargets allowed) {
        UpdaterConfig.Timeouts t = config.timeouts();
        return new Runbook(connector, new RunbookSettings(t.command(), t.opkg(), t.upload(), t.flash(), t.waitModem(),
                t.pollInterval(), config.offline().firmwareStore(), new OfflineFolders(config.offline().routerFolder()),
                config.offline().always(), config.offline().spaceMarginKib(), allowed.manifestDigests()));
    }

    /** Every kafka.* setting (bootstrap, security protocol, SASL, TLS) reaches the job store and the publisher. */
    @Produces
    @Singleton
    KafkaJobStore jobStore(UpdaterConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return new KafkaJobStore(kafka, config.jobsTopic());
    }

    @Produces
    @Singleton
    ResultPublisher resultPublisher(UpdaterConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return new ResultPublisher(kafka, config.resultsTopic());
    }

    @Produces
    @Singleton
    ResultOutbox outbox(UpdaterConfig config, KafkaJobStore jobs, ResultPublisher publisher) {
        return new ResultOutbox(jobs, publisher, config.outbox().minBackoff(), config.outbox().maxBackoff());
    }

    @Produces
    @Singleton
    UpdaterMetrics metrics(MeterRegistry registry, RolloutEngine engine, AttentionBoard attention,
                           ResultOutbox outbox, DurableWrites writes) {
        return new UpdaterMetrics(registry, () -> engine, attention::count, outbox::pending, writes::waiting);
    }
}
