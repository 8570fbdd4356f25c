package io.flapguard.updater.testing;

import io.flapguard.wire.Cohort;
import io.flapguard.wire.RemediationCommand;
import java.time.Instant;

/** Remediation commands as the analyzer would send them. */
public final class Commands {
    private Commands() {
    }

    public static RemediationCommand command(String serial, String current, String target) {
        return new RemediationCommand(1, RemediationCommand.idFor(serial, target), serial,
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", current, target,
                new Cohort("RUTX11", "RUTX_R_00.07.02.7", "EG12", current), "flaps", 0.9,
                Instant.parse("2025-01-01T00:00:00Z"));
    }
}
