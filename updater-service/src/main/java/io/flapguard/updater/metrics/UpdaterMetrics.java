package io.flapguard.updater.metrics;

import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutState;
import io.flapguard.updater.rollout.RolloutView;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.wire.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The updater's Prometheus metrics; labels are target firmware, outcome, step, failure kind, retry decision and rollout
 * state, never serial.
 */
public final class UpdaterMetrics {
    private final MeterRegistry registry;

    public UpdaterMetrics(MeterRegistry registry, Supplier<RolloutEngine> engine, IntSupplier routersNeedingAttention,
                          IntSupplier resultsNotAcknowledged, IntSupplier jobWritesWaiting) {
        this.registry = registry;
        Gauge.builder("flapguard_updater_job_writes_waiting", jobWritesWaiting::getAsInt)
                .description("Attempt ends whose job state is being written; stays above 0 while Kafka is away")
                .register(registry);
        Gauge.builder("flapguard_updater_results_unacknowledged", resultsNotAcknowledged::getAsInt)
                .description("Results saved with their job state and not yet acknowledged by Kafka (the outbox)")
                .register(registry);
        for (FailureKind kind : FailureKind.values()) {
            if (kind != FailureKind.NOT_NEEDED) {
                attemptFailures(kind);   // every series exists from the start, at 0
            }
        }
        retries("scheduled");
        retries("exhausted");
        Gauge.builder("flapguard_updater_routers_needing_attention", routersNeedingAttention::getAsInt)
                .description("Routers marked for a person (timed out or mute mid-update); never retried automatically")
                .register(registry);
        Gauge.builder("flapguard_updater_updates_in_progress", () -> engine.get().running())
                .description("Router updates running now").register(registry);
        for (RolloutState state : RolloutState.values()) {
            Gauge.builder("flapguard_updater_rollouts", () -> engine.get().rollouts().stream()
                            .map(RolloutView::state).filter(state::equals).count())
                    .tag("state", state.name()).description("Rollouts by state").register(registry);
        }
    }

    public void result(String targetFirmware, String outcome, String step) {
        Counter.builder("flapguard_updater_results").description("Terminal results by outcome and step")
                .tag("target_firmware", targetFirmware == null ? "?" : targetFirmware).tag("outcome", outcome)
                .tag("step", step == null ? "none" : step).register(registry).increment();
    }

    /** An attempt ended in a failure of this kind (terminal or not); the label set is closed ({@link FailureKind}). */
    public void attemptFailed(FailureKind kind) {
        attemptFailures(kind).increment();
    }

    /** A recoverable failure will be tried again. */
    public void retryScheduled() {
        retries("scheduled").increment();
    }

    /** A recoverable failure used up its attempts or age: it ends FAILED, for a person. */
    public void retriesExhausted() {
        retries("exhausted").increment();
    }

    private Counter attemptFailures(FailureKind kind) {
        return Counter.builder("flapguard_updater_attempt_failures")
                .description("Update attempts that failed, by failure kind (a retried command counts once per attempt)")
                .tag("kind", kind.name()).register(registry);
    }

    private Counter retries(String decision) {
        return Counter.builder("flapguard_updater_retries")
                .description("Decisions on recoverable failures: scheduled (another attempt) or exhausted (gave up)")
                .tag("decision", decision).register(registry);
    }

    /** A command refused before or instead of touching a router; the reason set is closed ({@link RefusalReason}). */
    public void refused(RefusalReason reason) {
        Counter.builder("flapguard_updater_commands_refused")
                .description("Commands refused: unsigned, bad signature, unknown key, or a check against the router failed")
                .tag("reason", reason.label()).register(registry).increment();
    }

    /** Records on the jobs topic that could not be read at start and were skipped. */
    public void jobRecordsSkipped(int count) {
        Counter.builder("flapguard_updater_job_records_skipped")
                .description("Undecodable or foreign records on the jobs topic, skipped at start").register(registry)
                .increment(count);
    }

    public void duration(String targetFirmware, String outcome, Duration duration) {
        Timer.builder("flapguard_updater_update_duration").description("Time from start to the end of one router update")
                .publishPercentileHistogram().tag("target_firmware", targetFirmware).tag("outcome", outcome)
                .register(registry).record(duration);
    }
}
