package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.domain.FleetUpdate;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;

/** One record the router processor emits; exactly one field is set. */
record RouterOutput(Diagnosis diagnosis, RemediationCommand command, String fleetKey, FleetUpdate fleet) {
}
