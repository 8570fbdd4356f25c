package io.flapguard.updater.service;

import io.flapguard.updater.config.UpdaterConfig;
import io.flapguard.updater.jobs.Attempt;
import io.flapguard.updater.jobs.JobPhase;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import io.flapguard.updater.metrics.UpdaterMetrics;
import io.flapguard.updater.results.ResultOutbox;
import io.flapguard.updater.results.ResultPublisher;
import io.flapguard.updater.retry.Backoff;
import io.flapguard.updater.retry.RetryPolicy;
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
import io.flapguard.updater.ssh.SshLimits;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.signing.CommandVerifier;
import io.flapguard.updater.validate.AllowedTargets;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.OfflineFolders;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.updater.validate.RefusedException;
import io.flapguard.updater.validate.ValidatedCommand;
import io.flapguard.wire.FailureKind;
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
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.smallrye.common.annotation.Identifier;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Ties the pieces together: accepts commands (durably), asks the rollout engine what may start, runs runbooks on a
 * bounded pool, writes job state before and after each flash, retries recoverable failures, hands results to the
 * outbox ({@link ResultOutbox}), keeps the {@link AttentionBoard}, and on start resumes from the job topic.
 * Still too many jobs for one class: intake, job lifecycle and the rollout scheduler are to be split out as the
 * attention board was.
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

    @Inject
    AttentionBoard attention;

    private CommandValidator validator;
    private CommandVerifier verifier;
    private RolloutEngine engine;
    private KafkaJobStore jobs;
    private ResultPublisher results;
    private UpdaterMetrics metrics;
    private SshConnector connector;
    private Runbook runbook;
    private RouterAddressBook addresses;
    private ResultOutbox outbox;
    private RetryPolicy retry;
    private RandomGenerator random;
    private final Clock clock = Clock.systemUTC();
    private ExecutorService workers;
    private final ExecutorService progress = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1_000), run -> new Thread(run, "updater-progress"),
            new ThreadPoolExecutor.DiscardOldestPolicy());
    private ScheduledExecutorService ticker;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    /** The flash percentage each running update last printed (for the console; results carry every tenth). */
    private final Map<String, Integer> flashPercent = new ConcurrentHashMap<>();
    /** Serialises what joins, leaves or revives a rollout's members with their job records (accept, cancel, reopen). */
    private final Object rolloutLock = new Object();
    /** Ends of attempts whose job state is being written (waiting for Kafka while it is away). */
    private final AtomicInteger writesWaiting = new AtomicInteger();
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
                r.approvalRequired(), r.dryRun(), window), clock);
        UpdaterConfig.Retry again = config.retry();
        retry = new RetryPolicy(again.maxAttempts(), again.initialDelay(), again.multiplier(), again.maxDelay(),
                again.jitter(), again.maxAge());
        random = again.seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
        UpdaterConfig.Ssh ssh = config.ssh();
        connector = new SshConnector(new HostKeys(ssh.pinnedFingerprints(), ssh.knownHosts(), ssh.trustOnFirstUse()),
                ssh.user(), ssh.privateKey(), ssh.connectTimeout(), new SshLimits(ssh.keepaliveInterval(),
                ssh.keepaliveCountMax(), ssh.outputMaxLines(), ssh.outputMaxBytes()));
        addresses = new RouterAddressBook(ssh.hostsFile(), ssh.addressTemplate());
        UpdaterConfig.Timeouts t = config.timeouts();
        runbook = new Runbook(connector, new RunbookSettings(t.command(), t.opkg(), t.upload(), t.flash(), t.waitModem(),
                t.pollInterval(), config.offline().firmwareStore(), new OfflineFolders(config.offline().routerFolder()),
                config.offline().always(), config.offline().spaceMarginKib(), allowed.manifestDigests()));
        jobs = new KafkaJobStore(kafkaConfig, config.jobsTopic());
        results = new ResultPublisher(kafkaConfig, config.resultsTopic());
        outbox = new ResultOutbox(jobs, results, config.outbox().minBackoff(), config.outbox().maxBackoff());
        metrics = new UpdaterMetrics(registry, () -> engine, attention::count, outbox::pending, writesWaiting::get);
        workers = Executors.newFixedThreadPool(r.maxConcurrent());
        recover(jobs.load());
        outbox.resume();
        metrics.jobRecordsSkipped(jobs.skipped());
        recovered.countDown();
        ticker = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "updater-ticker"));
        ticker.scheduleWithFixedDelay(this::tick, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        workers.shutdownNow();
        progress.shutdownNow();
        outbox.close();
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
                case QUEUED, RUNNING -> {
                    // a job waiting for its retry keeps its wave and its time
                    engine.restore(job.commandId(), job.command().serial(), target, job.wave(), ResultStatus.QUEUED);
                    if (job.retryAt() != null) {
                        engine.requeue(job.commandId(), job.retryAt());
                    }
                }
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
                .forEach(j -> attention.note(j.command(), j.status(), j.step(), j.reason(), true));
        saved.values().stream().filter(j -> j.phase() == JobPhase.DONE && j.status().isOnTarget())
                .forEach(j -> attention.note(j.command(), j.status(), j.step(), j.reason(), false));
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
            // never stored (see above), so sent once, best effort
            publish(result(command, ResultStatus.REFUSED_SIGNATURE, Step.VALIDATE.label(), null, why, null, null, -1,
                    1, FailureKind.ABORTED));
            metrics.result(command.targetFirmware(), ResultStatus.REFUSED_SIGNATURE.name(), Step.VALIDATE.label());
            return;
        }
        if (known.isPresent()) {
            // A replay (or a re-issue) of a command we hold: it never runs twice, whatever it says now.
            LOG.infof("%s: already %s; the repeated command is ignored", command.commandId(), known.get().status());
            return;
        }
        JobRecord job = JobRecord.queued(command);
        try {
            validator.validate(command);
        } catch (RefusedException e) {
            LOG.warnf("%s: refused before connecting: %s", command.commandId(), e.getMessage());
            // the result is saved with the state; the outbox sends it (throws here if not durable: not acked)
            jobs.save(job.done(null, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), e.getMessage(), false)
                    .sending(result(command, ResultStatus.REFUSED_VALIDATION, Step.VALIDATE.label(), null,
                            e.getMessage(), null, null, -1, 1, FailureKind.ABORTED)));
            metrics.refused(e.reason());
            metrics.attemptFailed(FailureKind.ABORTED);
            metrics.result(command.targetFirmware(), ResultStatus.REFUSED_VALIDATION.name(), Step.VALIDATE.label());
            outbox.wake(command.commandId());
            return;
        }
        String rolloutId = "rollout-" + command.targetFirmware();
        synchronized (rolloutLock) {   // a cancel or reopen in between would leave the job and its rollout apart
            if (engine.acceptsNew(command.targetFirmware())) {
                jobs.save(job.sending(result(command, ResultStatus.QUEUED, null, null, "waiting for its wave", null,
                        rolloutId, -1, 1, null)));
            } else {
                String reason = rolloutId + " is cancelled; an operator can reopen it (POST /rollouts/" + rolloutId
                        + "/reopen) to run this command";
                jobs.save(job.inWave(rolloutId, -1).done(null, ResultStatus.CANCELLED, Step.VALIDATE.label(), reason,
                        false).sending(result(command, ResultStatus.CANCELLED, Step.VALIDATE.label(), null, reason,
                        null, rolloutId, -1, 1, null)));
                metrics.result(command.targetFirmware(), ResultStatus.CANCELLED.name(), Step.VALIDATE.label());
                LOG.infof("%s: %s", command.commandId(), reason);
            }
            engine.add(command.commandId(), command.serial(), command.targetFirmware());
        }
        outbox.wake(command.commandId());
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
                FailureKind kind = job.phase() == JobPhase.FLASHING ? FailureKind.FAILED_AFTER_FLASH : FailureKind.ABORTED;
                finishDurably(job, expired, new Outcome(ResultStatus.TIMED_OUT, Step.UPDATE, reason, null, true, null, kind));
            }
            for (StartOrder order : engine.due()) {
                try {
                    jobs.update(order.commandId(), j -> j.inWave(order.rolloutId(), order.wave()).starting(clock.instant()));
                } catch (RuntimeException e) {
                    // not durable: do not run it; it starts on a later tick
                    engine.requeue(order.commandId(), clock.instant().plus(config.tickInterval()));
                    LOG.warnf("%s: start not recorded, not starting it yet: %s", order.commandId(), e.getMessage());
                    continue;
                }
                workers.submit(() -> execute(order, order.dryRun() ? Runbook.Mode.DRY_RUN : Runbook.Mode.UPDATE));
            }
        } catch (RuntimeException e) {
            LOG.errorf("rollout tick failed: %s", e.getMessage());
        }
    }

    private void execute(StartOrder order, Runbook.Mode mode) {
        JobRecord job = jobs.get(order.commandId()).orElseThrow();
        RemediationCommand command = job.command();
        startedAt.put(order.commandId(), clock.instant());
        int attempt = job.currentAttempt();
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
                    if (percent != null) {
                        flashPercent.put(order.commandId(), percent);
                    }
                    if (percent == null || percent % 10 == 0) {
                        publish(result(command, ResultStatus.IN_PROGRESS, step.label(), percent, null, null,
                                order.rolloutId(), order.wave(), attempt, null));
                    }
                }

                @Override
                public void beforeFlash() {
                    jobs.update(order.commandId(), j -> j.with(JobPhase.FLASHING, ResultStatus.IN_PROGRESS,
                            Step.UPDATE.label(), null, false));
                }
            });
        } catch (RefusedException e) {
            outcome = Outcome.refused(e.reason(), e.reason() == RefusalReason.NO_ADDRESS ? Step.CONNECT : Step.VALIDATE,
                    e.getMessage(), null);
        } catch (RuntimeException e) {
            outcome = Outcome.aborted(Step.CONNECT, "internal error: " + e.getMessage(), null).needingAttention();
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

    /**
     * Ends an attempt. A recoverable failure with budget left is queued again (QUEUED result with its failure kind
     * and attempt number); anything else ends the job. Either way the new state and its result are written in one
     * record before the engine hears of it, and the outbox sends the result until Kafka has it.
     */
    private synchronized void finishDurably(JobRecord job, StartOrder order, Outcome runOutcome) {
        Outcome outcome = runOutcome;
        if (job.phase() == JobPhase.DONE) {
            return;   // already ended (deadline passed first); the late runbook outcome is only logged
        }
        Instant now = clock.instant();
        int attempt = job.currentAttempt();
        Instant started = startedAt.remove(order.commandId());
        flashPercent.remove(order.commandId());
        if (outcome.kind() != null && outcome.kind() != FailureKind.NOT_NEEDED) {
            metrics.attemptFailed(outcome.kind());
        }
        // a command cancelled before it started has had no attempt
        Attempt ended = started == null && outcome.kind() == null ? null : new Attempt(attempt, started, now,
                outcome.status().name(), outcome.kind(), outcome.step().label(), outcome.reason());
        RemediationCommand c = job.command();
        if (outcome.recoverable()) {
            Outcome failed = outcome;
            Instant first = job.firstAttemptAt() == null ? now : job.firstAttemptAt();
            Optional<Instant> next = retry.nextAttempt(attempt, first, now, random);
            if (next.isPresent()) {
                String reason = failed.reason() + "; attempt " + (attempt + 1) + " of " + retry.maxAttempts()
                        + " not before " + next.get();
                saveUntilDurable(c.commandId(), j -> j.retrying(ended, next.get()).sending(result(c, ResultStatus.QUEUED,
                        failed.step().label(), null, reason, failed.installedFirmware(), order.rolloutId(),
                        order.wave(), attempt, FailureKind.RECOVERABLE)));
                engine.requeue(c.commandId(), next.get());
                metrics.retryScheduled();
                outbox.wake(c.commandId());
                LOG.infof("%s: attempt %d failed (%s at %s): %s; next not before %s", c.commandId(), attempt,
                        outcome.kind(), outcome.step().label(), outcome.reason(), next.get());
                return;
            }
            outcome = outcome.retriesExhausted(retry.exhaustedReason(attempt));
            metrics.retriesExhausted();
        }
        Outcome last = outcome;
        saveUntilDurable(c.commandId(), j -> j.done(ended, last.status(), last.step().label(), last.reason(),
                last.attention()).sending(result(c, last.status(), last.step().label(), null, last.reason(),
                last.installedFirmware(), order.rolloutId(), order.wave(), attempt, last.kind())));
        engine.finished(order.commandId(), last.status());
        persistRollout(order.rolloutId());   // an automatic pause must survive a restart too
        attention.note(c, last.status(), last.step().label(), last.reason(), last.attention());
        outbox.wake(c.commandId());
        metrics.result(c.targetFirmware(), last.status().name(), last.step().label());
        if (last.refusal() != null) {
            metrics.refused(last.refusal());
        }
        if (started != null) {
            metrics.duration(c.targetFirmware(), last.status().name(), Duration.between(started, now));
        }
        LOG.infof("%s: %s at %s (attempt %d): %s", job.commandId(), last.status(), last.step().label(), attempt,
                last.reason());
    }

    /**
     * Writes a job's next state, trying again while Kafka is away: the outcome of a run must not be lost, and
     * nothing else may happen to this job before it is durable. Gives up only when the thread is interrupted.
     */
    private void saveUntilDurable(String commandId, UnaryOperator<JobRecord> change) {
        Backoff backoff = new Backoff(config.outbox().minBackoff(), config.outbox().maxBackoff());
        writesWaiting.incrementAndGet();
        try {
            saveWithBackoff(commandId, change, backoff);
        } finally {
            writesWaiting.decrementAndGet();
        }
    }

    private void saveWithBackoff(String commandId, UnaryOperator<JobRecord> change, Backoff backoff) {
        while (true) {
            try {
                jobs.update(commandId, change);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s: job state not durable yet, trying again in %s: %s", commandId, backoff.peek(), e.getMessage());
                if (!backoff.pause()) {
                    throw new IllegalStateException("interrupted before the job state of " + commandId + " was durable", e);
                }
            }
        }
    }

    private static RemediationResult result(RemediationCommand c, ResultStatus status, String step, Integer percent,
                                            String reason, String installed, String rolloutId, int wave, int attempt,
                                            FailureKind kind) {
        return new RemediationResult(1, c.commandId(), c.serial(), status, step, percent, reason, c.targetFirmware(),
                installed, rolloutId, wave < 0 ? null : wave, Instant.now(), attempt, kind);
    }

    /**
     * Progress and never-stored refusals: best effort, not through the outbox, and on their own thread: a send
     * blocks while Kafka is away (waiting for metadata), and that must not stall the runbook reading the flash output.
     * When the queue is full the oldest progress is dropped.
     */
    private void publish(RemediationResult r) {
        progress.execute(() -> {
            try {
                results.publish(r);
            } catch (RuntimeException e) {
                LOG.warnf("%s: result not published: %s", r.commandId(), e.getMessage());
            }
        });
    }

    /** The jobs of one rollout with the flash percentage of those running, for REST. */
    public List<RolloutMemberView> members(String rolloutId) {
        return engine.members(rolloutId).stream()
                .map(m -> RolloutMemberView.of(m, jobs.get(m.commandId()).orElse(null), flashPercent.get(m.commandId())))
                .toList();
    }

    /** A job's durable state, with its attempts, for REST. */
    public Optional<JobRecord> job(String commandId) {
        return jobs.get(commandId);
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

    /**
     * Cancels a rollout: queued commands end CANCELLED, and so do commands for its target that arrive later, until
     * an operator reopens it.
     */
    public boolean cancel(String rolloutId) {
        synchronized (rolloutLock) {
            List<StartOrder> cancelled = engine.cancel(rolloutId);
            persistRollout(rolloutId);   // first: a restart must not start what the operator cancelled
            for (StartOrder order : cancelled) {
                finishDurably(jobs.get(order.commandId()).orElseThrow(), order,
                        Outcome.of(ResultStatus.CANCELLED, Step.VALIDATE, "rollout cancelled by an operator", null));
            }
            return engine.rollouts().stream().anyMatch(v -> v.id().equals(rolloutId));
        }
    }

    /**
     * Reopens a cancelled rollout: the commands it cancelled before they started are queued again (a QUEUED result
     * each) and new commands for its target join it. False when the rollout is unknown or not cancelled.
     */
    public boolean reopen(String rolloutId) {
        synchronized (rolloutLock) {
            Optional<List<StartOrder>> revived = engine.reopen(rolloutId);
            if (revived.isEmpty()) {
                return false;
            }
            persistRollout(rolloutId);
            for (StartOrder order : revived.get()) {
                RemediationCommand c = jobs.get(order.commandId()).orElseThrow().command();
                saveUntilDurable(order.commandId(), j -> j.reopened("rollout reopened by an operator; waiting for its wave")
                        .sending(result(c, ResultStatus.QUEUED, null, null, "rollout reopened by an operator; waiting "
                                + "for its wave", null, rolloutId, order.wave(), j.currentAttempt(), null)));
                outbox.wake(order.commandId());
            }
            LOG.infof("%s reopened; %d cancelled commands queued again", rolloutId, revived.get().size());
            return true;
        }
    }

    public RolloutEngine engine() {
        return engine;
    }
}
