package io.flapguard.updater.service;

import io.flapguard.wire.FailureKind;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import java.time.Instant;

/** The one way a result about a command is made: its ids copied from the command, wave -1 meaning none yet. */
final class JobResults {
    private JobResults() {
    }

    static RemediationResult result(RemediationCommand c, ResultStatus status, String step, Integer percent,
                                    String reason, String installed, String rolloutId, int wave, int attempt,
                                    FailureKind kind) {
        return new RemediationResult(1, c.commandId(), c.serial(), status, step, percent, reason, c.targetFirmware(),
                installed, rolloutId, wave < 0 ? null : wave, Instant.now(), attempt, kind);
    }
}
