package io.flapguard.updater.testing;

import io.flapguard.wire.CommandSignature;
import io.flapguard.wire.Cohort;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.SigningKeys;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;

/** Remediation commands as the analyzer would send them: signed with the tests' analyzer key. */
public final class Commands {
    /** The key id the %test profile pins (src/test/resources/signing). */
    public static final String KEY_ID = "test-analyzer";
    public static final Path PUBLIC_KEY = Path.of("src/test/resources/signing/test-analyzer.pub.pem");
    private static final PrivateKey KEY = SigningKeys.readPrivate(Path.of("src/test/resources/signing/test-analyzer.pem"));

    private Commands() {
    }

    public static RemediationCommand command(String serial, String current, String target) {
        return sign(unsigned(serial, current, target));
    }

    public static RemediationCommand unsigned(String serial, String current, String target) {
        return new RemediationCommand(1, RemediationCommand.idFor(serial, target), serial,
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", current, target,
                new Cohort("RUTX11", "RUTX_R_00.07.02.7", "EG12", current), "flaps", 0.9,
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    public static RemediationCommand sign(RemediationCommand command) {
        return CommandSignature.sign(command, KEY_ID, KEY);
    }
}
