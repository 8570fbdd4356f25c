package io.flapguard.analyzer.domain;

import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import java.util.ArrayList;
import java.util.List;

/** What handling one input decided: records to publish and things to count. */
public final class Decision {
    /** A fleet update with the key it is re-partitioned by. */
    public record Keyed(String key, FleetUpdate update) {
    }

    final List<Diagnosis> diagnoses = new ArrayList<>();
    final List<RemediationCommand> commands = new ArrayList<>();
    final List<Keyed> fleet = new ArrayList<>();
    int newIncidents;
    boolean duplicate;
    boolean late;
    VerificationOutcome verdict;
    final List<ReportedValues.Field> unrecognised = new ArrayList<>();
    boolean evict;
    /** The router's state changed without anything to publish (an incident's operator burst seen later). */
    boolean stateChanged;

    public List<Diagnosis> diagnoses() {
        return diagnoses;
    }

    public List<RemediationCommand> commands() {
        return commands;
    }

    public List<Keyed> fleet() {
        return fleet;
    }

    public int newIncidents() {
        return newIncidents;
    }

    public boolean duplicate() {
        return duplicate;
    }

    public boolean late() {
        return late;
    }

    public VerificationOutcome verdict() {
        return verdict;
    }

    /** Reported values that matched no pattern (replaced, counted). */
    public List<ReportedValues.Field> unrecognised() {
        return unrecognised;
    }

    /** The router has been silent past {@code limits.evict-after}: forget it (its history stays on Kafka). */
    public boolean evict() {
        return evict;
    }

    /** Whether the router's state changed and must be stored, even with nothing to publish. */
    public boolean stateChanged() {
        return stateChanged || publishes();
    }

    /** Whether anything is to be published (the state changed in a way others should hear of). */
    public boolean publishes() {
        return !diagnoses.isEmpty() || !commands.isEmpty() || !fleet.isEmpty() || verdict != null || evict;
    }

    void fleet(String key, FleetUpdate u) {
        fleet.add(new Keyed(key, u));
    }
}
