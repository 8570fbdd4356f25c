package io.flapguard.updater.jobs;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;

/** The durable state of one command, the value of the compacted jobs topic keyed by command id. */
public record JobRecord(String commandId, RemediationCommand command, String rolloutId, int wave, JobPhase phase,
                        ResultStatus status, String step, String reason, boolean attention) {

    public JobRecord with(JobPhase newPhase, ResultStatus newStatus, String newStep, String newReason, boolean newAttention) {
        return new JobRecord(commandId, command, rolloutId, wave, newPhase, newStatus, newStep, newReason, newAttention);
    }

    public JobRecord inWave(String newRolloutId, int newWave) {
        return new JobRecord(commandId, command, newRolloutId, newWave, phase, status, step, reason, attention);
    }
}
