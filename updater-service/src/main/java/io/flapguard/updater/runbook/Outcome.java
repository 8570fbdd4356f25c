package io.flapguard.updater.runbook;

import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.wire.ResultStatus;

/**
 * How a runbook run ended.
 *
 * @param attention true when a person must look at the router (modem may be mid-flash or mute); such a router is
 *                  never retried automatically
 * @param refusal   set when the run was refused before changing anything (counted by reason)
 */
public record Outcome(ResultStatus status, Step step, String reason, String installedFirmware, boolean attention,
                      RefusalReason refusal) {
    public Outcome(ResultStatus status, Step step, String reason, String installedFirmware, boolean attention) {
        this(status, step, reason, installedFirmware, attention, null);
    }

    public static Outcome of(ResultStatus status, Step step, String reason, String installed) {
        return new Outcome(status, step, reason, installed, false);
    }

    public static Outcome failed(Step step, String reason, String installed) {
        return new Outcome(ResultStatus.FAILED, step, reason, installed, false);
    }

    /** Nothing was changed on the router because a check of the command against it failed. */
    public static Outcome refused(RefusalReason why, Step step, String reason, String installed) {
        ResultStatus status = switch (why) {
            case UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE -> ResultStatus.REFUSED_SIGNATURE;
            default -> ResultStatus.REFUSED_VALIDATION;
        };
        return new Outcome(status, step, reason, installed, false, why);
    }

    public Outcome needingAttention() {
        return new Outcome(status, step, reason, installedFirmware, true, refusal);
    }
}
