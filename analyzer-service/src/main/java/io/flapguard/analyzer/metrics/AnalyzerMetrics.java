package io.flapguard.analyzer.metrics;

import io.flapguard.analyzer.domain.VerificationOutcome;
import io.flapguard.wire.Cause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The analyzer's counters. Labels are cohort parts, cause and outcome: never a serial. */
public final class AnalyzerMetrics {
    private final MeterRegistry registry;

    public AnalyzerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void incidents(int n, Cause cause, String modemModel) {
        if (n > 0) {
            Counter.builder("flapguard_analyzer_incidents_total")
                    .description("Incidents (grouped disconnect evidence), by the router's cause at that time")
                    .tag("cause", cause.name().toLowerCase()).tag("modem_model", label(modemModel))
                    .register(registry).increment(n);
        }
    }

    public void duplicate() {
        Counter.builder("flapguard_analyzer_duplicate_events_total").description("disconnect events seen again (same id)")
                .register(registry).increment();
    }

    public void late() {
        Counter.builder("flapguard_analyzer_late_events_total").description("events older than the grace period, dropped")
                .register(registry).increment();
    }

    public void undecodable() {
        rejected("undecodable");
    }

    public void command(String modemModel, String target) {
        Counter.builder("flapguard_analyzer_commands_total").description("Remediation commands emitted")
                .tag("modem_model", label(modemModel)).tag("target_firmware", label(target))
                .register(registry).increment();
    }

    public void verdict(VerificationOutcome outcome, String target) {
        Counter.builder("flapguard_analyzer_verifications_total")
                .description("Verdicts after updates: verified, or failed_to_fix (alert on any increase)")
                .tag("outcome", outcome.name().toLowerCase()).tag("target_firmware", label(target))
                .register(registry).increment();
    }

    public void unrecognised(io.flapguard.analyzer.domain.ReportedValues.Field field) {
        Counter.builder("flapguard_analyzer_unrecognised_values_total")
                .description("Router-reported values matching no pattern, replaced by 'unrecognised'")
                .tag("field", field.name().toLowerCase()).register(registry).increment();
    }

    public void evicted(int n) {
        if (n > 0) {
            Counter.builder("flapguard_analyzer_evicted_routers_total")
                    .description("Routers forgotten from the state store after limits.evict-after of silence")
                    .register(registry).increment(n);
        }
    }

    public void badInput() {
        rejected("key_mismatch");
    }

    static String label(String s) {
        return s == null ? "unknown" : s;
    }

    private void rejected(String reason) {
        Counter.builder("flapguard_analyzer_rejected_records_total").description("input records skipped, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
