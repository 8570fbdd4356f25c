package io.flapguard.analyzer.domain;

import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import java.util.ArrayList;
import java.util.List;

/** What handling one input produced: records to publish and things to count. */
public final class Outputs {
    /** A fleet update with the key it is re-partitioned by. */
    public record Keyed(String key, FleetUpdate update) {
    }

    public final List<Diagnosis> diagnoses = new ArrayList<>();
    public final List<RemediationCommand> commands = new ArrayList<>();
    public final List<Keyed> fleet = new ArrayList<>();
    public int newIncidents;
    public boolean duplicate;
    public boolean late;
    public VerificationOutcome verdict;

    public void clear() {
        diagnoses.clear();
        commands.clear();
        fleet.clear();
        newIncidents = 0;
        duplicate = false;
        late = false;
        verdict = null;
    }
}
