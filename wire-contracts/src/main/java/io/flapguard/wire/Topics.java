package io.flapguard.wire;

import java.util.List;

/**
 * Default Kafka topic names. Every service lets configuration override them; these are the defaults
 * documented in the README. All topics are keyed by router serial (dead letters may have no key).
 */
public final class Topics {
    /** Normalised router events and status snapshots ({@link TelemetryMessage}). */
    public static final String TELEMETRY = "fleet.telemetry.v1";
    /** Rejected router input ({@link DeadLetter}). */
    public static final String TELEMETRY_DLQ = "fleet.telemetry.dlq.v1";
    /** A router's diagnosis whenever it changes ({@link Diagnosis}). */
    public static final String DIAGNOSES = "fleet.diagnoses.v1";
    /** What to do to which router and why ({@link RemediationCommand}). */
    public static final String COMMANDS = "fleet.remediation.commands.v1";
    /** Progress and terminal results of commands ({@link RemediationResult}). */
    public static final String RESULTS = "fleet.remediation.results.v1";
    /**
     * Who did what through the services' APIs ({@link AuditRecord}), keyed by target. Written to partition 0
     * only, so the trail has one order; not in {@link #all()} because it has one partition.
     */
    public static final String AUDIT = "flapguard.audit.v1";

    private Topics() {
    }

    /** The topics every deployment needs, in pipeline order. */
    public static List<String> all() {
        return List.of(TELEMETRY, TELEMETRY_DLQ, DIAGNOSES, COMMANDS, RESULTS);
    }
}
