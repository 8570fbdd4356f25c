package io.flapguard.analyzer.topology;

import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.TelemetryMessage;

/** Telemetry or a remediation result for one router; both topics are keyed by serial (co-partitioned). */
record RouterInput(TelemetryMessage telemetry, RemediationResult result) {
}
