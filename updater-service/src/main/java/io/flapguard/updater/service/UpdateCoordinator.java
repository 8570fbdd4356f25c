package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultPublisher;
import io.flapguard.updater.rollout.MaintenanceWindow;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutPolicy;
import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.updater.rollout.StartOrder;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.RunListener;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.RunbookSettings;
import io.flapguard.updater.runbook.Step;
import io.flapguard.updater.ssh.HostKeys;
import io.flapguard.updater.ssh.RouterAddressBook;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.validate.AllowedTargets;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.OfflineFolders;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.updater.validate.RefusedException;
import io.flapguard.updater.validate.ValidatedCommand;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.smallrye.common.annotation.Identifier;
import org.jboss.logging.Logger;

/**
 * Ties the pieces together: accepts commands (durably), asks the rollout engine what may start, runs runbooks on a
 * bounded pool, writes job state before and after each flash, publishes results and metrics, and on start resumes
 * from the job topic.
 */
@ApplicationScoped
public class UpdateCoordinator {
    private static final Logger LOG = Logger.getLogger(UpdateCoordinator.class);

    @Inject
    UpdaterConfig config;
    @Inject
    MeterRegistry registry;
    /** Every kafka.* setting (bootstrap, security protocol, SASL, TLS): the commands channel gets the same ones. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private CommandValidator validator;
    private CommandVerifier verifier;
    private RolloutEngine engine;
    private KafkaJobStore jobs;
    private ResultPublisher results;
    private UpdaterMetrics metrics;
    private SshConnector connector;
    private Runbook runbook;
    private RouterAddressBook addresses;
    private ExecutorService workers;
    private ScheduledExecutorService ticker;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, AttentionEntry> attention = new ConcurrentHashMap<>();
    // Commands may arrive before start() has read the jobs topic; they wait, or a redelivered command would look new.
    private final CountDownLatch recovered = new CountDownLatch(1);

    void start(@Observes StartupEvent event) {
        verifier = CommandVerifier.fromFiles(config.commandSigning().publicKeys());
        AllowedTargets allowed = AllowedTargets.parse(config.allowedTargets().orElse(List.of()));
        validator = new CommandValidator(allowed.versions());
        UpdaterConfig.Rollout r = config.rollout();
        Optional<MaintenanceWindow> window = r.windowStart()
                .map(s -> new MaintenanceWindow(s, r.windowLength(), ZoneId.of(r.windowZone())));
        engine = new RolloutEngine(new RolloutPolicy(r.canarySize(), r.growthFactor(), r.maxConcurrent(),
                r.waveSuccessShare(), r.failurePauseShare(), r.minFinishedForPause(), r.updateDeadline(),
                r.approvalRequired(), r.dryRun(), window), Clock.systemUTC());
        metrics = new UpdaterMetrics(registry, () -> engine, attention::size);
        UpdaterConfig.Ssh ssh = config.ssh();
        connector = new SshConnector(new HostKeys(ssh.pinnedFingerprints(), ssh.knownHosts(), ssh.trustOnFirstUse()),
                ssh.user(), ssh.privateKey(), ssh.connectTimeout());
        addresses = new RouterAddressBook(ssh.hostsFile(), ssh.addressTemplate());
        UpdaterConfig.Timeouts t = config.timeouts();
        runbook = new Runbook(connector, new RunbookSettings(t.command(), t.opkg(), t.upload(), t.flash(), t.waitModem(),
                t.pollInterval(), config.offline().firmwareStore(), new OfflineFolders(config.offline().routerFolder()),
                config.offline().always(), config.offline().spaceMarginKib(), allowed.manifestDigests()));
        jobs = new KafkaJobStore(kafkaConfig, config.jobsTopic());
        results = new ResultPublisher(kafkaConfig, config.resultsTopic());
        workers = Executors.newFixedThreadPool(r.maxConcurrent());
        recover(jobs.load());
        metrics.jobRecordsSkipped(jobs.skipped());
        recovered.countDown();
        ticker = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "updater-ticker"));
        ticker.scheduleWithFixedDelay(this::tick, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        workers.shutdownNow();
        connector.close();
        jobs.close();
        results.close();
    }

    /** Resumes after a restart: finished jobs stay finished, interrupted flashes are re-checked, never re-flashed. */
    private void recover(Map<String, JobRecord> saved) {
        for (JobRecord job : saved.values()) {
            String target = job.command().targetFirmware();
            switch (job.phase()) {
                case DONE -> engine.restore(job.commandId(), job.command().serial(), target, job.wave(), job.status());
                case QUEUED -> engine.restore(job.commandId(), job.command().serial(), target, -1, ResultStatus.QUEUED);
                case RUNNING -> engine.restore(job.commandId(), job.command().serial(), target, job.wave(), ResultStatus.QUEUED);
                case FLASHING -> {
                    engine.restore(job.commandId(), job.command().serial(), target, job.wave(), ResultStatus.IN_PROGRESS);
                    LOG.warnf("%s: was flashing when the updater stopped; re-checking the router before anything else", job.commandId());
                    StartOrder order = new StartOrder(job.commandId(), job.command().serial(), job.rolloutId(), job.wave(), false);
                    workers.submit(() -> execute(order, Runbook.Mode.RECHECK_AFTER_FLASH));
                }
                default -> { }
            }
        }
        jobs.rollouts().values().forEach(engine::restoreRollout);
        saved.values().stream().filter(j -> j.phase() == JobPhase.DONE && j.attention())
                .forEach(j -> noteAttention(j.command(), j.status(), j.step(), j.reason(), true));
        saved.values().stream().filter(j -> j.phase() == JobPhase.DONE && j.status().isOnTarget())
                .forEach(j -> noteAttention(j.command(), j.status(), j.step(), j.reason(), false));
        if (!saved.isEmpty()) {
            LOG.infof("recovered %d jobs and %d rollout states from %s", saved.size(), jobs.rollouts().size(), config.jobsTopic());
        }
    }

    /**
     * Accepts one command; returns once its state is durable (the caller then acks the Kafka offset). The signature
     * is checked first. A refused forgery is never stored: stored, it would make the genuine command with that id
     * look like a duplicate. If it names a command we already hold, no result is published either, so the genuine
     * command's results stay the only ones with its id.
     */
    public void accept(RemediationCommand command) {
        awaitRecovery();
        Optional<RefusalReason> forged = verifier.check(command);
        Optional<JobRecord> known = jobs.get(command.commandId());
        if (forged.isPresent()) {
            String why = CommandVerifier.describe(forged.get(), command);
            metrics.refused(forged.get());
            if (known.isPresent()) {
                LOG.warnf("%s: refused (%s): %s; the command already held under this id is untouched",
                        command.commandId(), forged.get().label(), why);
                return;
            }
            LOG.warnf("%s: refused before anything else (%s): %s", command.commandId(), forged.get().label(), why);
            publish(command, ResultStatus.REFUSED_SIGNATURE, Step.VALIDATE.label(), null, why, null, null, -1);
            metrics.result(command.targetFirmware(), ResultStatus.REFUSED_SIGNATURE.name(), Step.VALIDATE.label());
            return;
        }
        if (known.isPresent()) {
            // A replay (or a re-issue) of a command we hold: it never runs twice, whatever it says now.
            LOG.infof("%s: already %s; the repeated command is ignored", command.commandId(), known.get().status());
            return;
        }
        JobRecord job = new JobRecord(command.commandId(), command, null, -1, JobPhase.QUEUED, ResultStatus.QUEUED,
                null, null, false);
        try {
            validator.validate(command);
        } catch (RefusedException e) {
            LOG.warnf("%s: refused before connecting: %s", command.commandId(), e.getMessage());
            metrics.refused(e.reason());
            jobs.save(job.with(JobPhase.DONE, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), e.getMessage(), false));
            publish(command, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), null, e.getMessage(), null, null, -1);
            metrics.result(command.targetFirmware(), ResultStatus.REFUSED_VALIDATION.name(), Step.VALIDATE.label());
            return;
        }
        jobs.save(job);
        engine.add(command.commandId(), command.serial(), command.targetFirmware());
        publish(command, ResultStatus.QUEUED, null, null, "waiting for its wave", null, "rollout-" + command.targetFirmware(), -1);
    }

    private void awaitRecovery() {
        try {
            if (!recovered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("job state not recovered yet");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job recovery", e);
        }
    }

    private void tick() {
        try {
            for (StartOrder expired : engine.expire()) {
                JobRecord job = jobs.get(expired.commandId()).orElseThrow();
                String reason = "no result within the update deadline " + config.rollout().updateDeadline()
                        + "; router marked for attention";
                finishDurably(job, expired, new Outcome(ResultStatus.TIMED_OUT, Step.UPDATE, reason, null, true));
            }
            for (StartOrder order : engine.due()) {
                JobRecord job = jobs.get(order.commandId()).orElseThrow();
                jobs.save(job.inWave(order.rolloutId(), order.wave()).with(JobPhase.RUNNING, ResultStatus.IN_PROGRESS, null, null, false));
                workers.submit(() -> execute(order, order.dryRun() ? Runbook.Mode.DRY_RUN : Runbook.Mode.UPDATE));
            }
        } catch (RuntimeException e) {
            LOG.errorf("rollout tick failed: %s", e.getMessage());
        }
    }

    private void execute(StartOrder order, Runbook.Mode mode) {
        JobRecord job = jobs.get(order.commandId()).orElseThrow();
        RemediationCommand command = job.command();
        startedAt.put(order.commandId(), Instant.now());
        Outcome outcome;
        try {
            Optional<RefusalReason> forged = verifier.check(command);   // the jobs topic may have been written by others
            if (forged.isPresent()) {
                throw new RefusedException(forged.get(), "stored job: " + CommandVerifier.describe(forged.get(), command));
            }
            ValidatedCommand valid = validator.validate(command);
            SshTarget target = resolve(command.serial());
            outcome = runbook.run(valid, target, mode, new RunListener() {
                @Override
                public void progress(Step step, Integer percent) {
                    if (percent == null || percent % 10 == 0) {
                        publish(command, ResultStatus.IN_PROGRESS, step.label(), percent, null, null, order.rolloutId(), order.wave());
                    }
                }

                @Override
                public void beforeFlash() {
                    jobs.save(jobs.get(order.commandId()).orElseThrow().with(JobPhase.FLASHING, ResultStatus.IN_PROGRESS,
                            Step.UPDATE.label(), null, false));
                }
            });
        } catch (RefusedException e) {
            outcome = Outcome.refused(e.reason(), e.reason() == RefusalReason.NO_ADDRESS ? Step.CONNECT : Step.VALIDATE,
                    e.getMessage(), null);
        } catch (RuntimeException e) {
            outcome = Outcome.failed(Step.CONNECT, "internal error: " + e.getMessage(), null);
        }
        finishDurably(jobs.get(order.commandId()).orElseThrow(), order, outcome);
    }

    private SshTarget resolve(String serial) throws RefusedException {
        try {
            return addresses.resolve(serial);
        } catch (RefusedException e) {
            throw new RefusedException(RefusalReason.NO_ADDRESS, e.getMessage());
        }
    }

    /** Counts a command that broke the wire contract (CommandIntake skips it). */
    public void refusedMalformed() {
        metrics.refused(RefusalReason.MALFORMED);
    }

    /** Writes the terminal state, then tells the engine, then publishes: a result is reported once. */
    private synchronized void finishDurably(JobRecord job, StartOrder order, Outcome outcome) {
        if (job.phase() == JobPhase.DONE) {
            return;   // already ended (deadline passed first); the late runbook outcome is only logged
        }
        jobs.save(job.with(JobPhase.DONE, outcome.status(), outcome.step().label(), outcome.reason(), outcome.attention()));
        engine.finished(order.commandId(), outcome.status());
        persistRollout(order.rolloutId());   // an automatic pause must survive a restart too
        noteAttention(job.command(), outcome.status(), outcome.step().label(), outcome.reason(), outcome.attention());
        publish(job.command(), outcome.status(), outcome.step().label(), null, outcome.reason(), outcome.installedFirmware(),
                order.rolloutId(), order.wave());
        metrics.result(job.command().targetFirmware(), outcome.status().name(), outcome.step().label());
        if (outcome.refusal() != null) {
            metrics.refused(outcome.refusal());
        }
        Instant started = startedAt.remove(order.commandId());
        if (started != null) {
            metrics.duration(job.command().targetFirmware(), outcome.status().name(), Duration.between(started, Instant.now()));
        }
        LOG.infof("%s: %s at %s: %s", job.commandId(), outcome.status(), outcome.step().label(), outcome.reason());
    }

    private void publish(RemediationCommand c, ResultStatus status, String step, Integer percent, String reason,
                         String installed, String rolloutId, int wave) {
        try {
            results.publish(new RemediationResult(1, c.commandId(), c.serial(), status, step, percent, reason,
                    c.targetFirmware(), installed, rolloutId, wave < 0 ? null : wave, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warnf("%s: result not published: %s", c.commandId(), e.getMessage());
        }
    }

    /** Approves the next wave; the decision is durable before this returns. */
    public boolean approve(String rolloutId) {
        return engine.approve(rolloutId) && persistRollout(rolloutId);
    }

    public boolean pause(String rolloutId, String reason) {
        return engine.pause(rolloutId, reason) && persistRollout(rolloutId);
    }

    public boolean resume(String rolloutId) {
        return engine.resume(rolloutId) && persistRollout(rolloutId);
    }

    /** Saves the rollout's state when it changed since the last save; true when it is durable. */
    private synchronized boolean persistRollout(String rolloutId) {
        if (rolloutId == null) {
            return true;
        }
        Optional<RolloutRecord> now = engine.snapshot(rolloutId);
        if (now.isPresent() && !now.get().equals(jobs.rollouts().get(rolloutId))) {
            jobs.saveRollout(now.get());
        }
        return true;
    }

    /** Cancels a rollout: queued commands end CANCELLED. */
    public boolean cancel(String rolloutId) {
        List<StartOrder> cancelled = engine.cancel(rolloutId);
        persistRollout(rolloutId);   // first: a restart must not start what the operator cancelled
        for (StartOrder order : cancelled) {
            finishDurably(jobs.get(order.commandId()).orElseThrow(), order,
                    Outcome.of(ResultStatus.CANCELLED, Step.VALIDATE, "rollout cancelled by an operator", null));
        }
        return engine.rollouts().stream().anyMatch(v -> v.id().equals(rolloutId));
    }

    public RolloutEngine engine() {
        return engine;
    }

    /** Marks a router for attention, or clears the mark once a later update got it onto its target. */
    private void noteAttention(RemediationCommand c, ResultStatus status, String step, String reason, boolean needed) {
        if (needed) {
            attention.put(c.serial(), new AttentionEntry(c.serial(), c.commandId(), c.targetFirmware(), status, step, reason));
        } else if (status.isOnTarget()) {
            attention.remove(c.serial());
        }
    }

    /** Routers needing a person (mid-flash timeouts, mute modems); never retried automatically. */
    public List<AttentionEntry> attention() {
        return attention.values().stream().sorted(java.util.Comparator.comparing(AttentionEntry::serial)).toList();
    }

    public int attentionCount() {
        return attention.size();
    }
}
