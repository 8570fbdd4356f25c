package io.flapguard.updater.metrics;

import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutState;
import io.flapguard.updater.rollout.RolloutView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The updater's Prometheus metrics; labels are target firmware, outcome, step and rollout state, never serial. */
public final class UpdaterMetrics {
    private final MeterRegistry registry;

    public UpdaterMetrics(MeterRegistry registry, Supplier<RolloutEngine> engine, IntSupplier routersNeedingAttention) {
        this.registry = registry;
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

    public void duration(String targetFirmware, String outcome, Duration duration) {
        Timer.builder("flapguard_updater_update_duration").description("Time from start to the end of one router update")
                .publishPercentileHistogram().tag("target_firmware", targetFirmware).tag("outcome", outcome)
                .register(registry).record(duration);
    }
}
