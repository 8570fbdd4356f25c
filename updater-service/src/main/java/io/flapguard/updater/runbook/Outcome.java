package io.flapguard.updater.runbook;

import io.flapguard.wire.ResultStatus;

/**
 * How a runbook run ended.
 *
 * @param attention true when a person must look at the router (modem may be mid-flash or mute); such a router is
 *                  never retried automatically
 */
public record Outcome(ResultStatus status, Step step, String reason, String installedFirmware, boolean attention) {
    public static Outcome of(ResultStatus status, Step step, String reason, String installed) {
        return new Outcome(status, step, reason, installed, false);
    }

    public static Outcome failed(Step step, String reason, String installed) {
        return new Outcome(ResultStatus.FAILED, step, reason, installed, false);
    }

    public Outcome needingAttention() {
        return new Outcome(status, step, reason, installedFirmware, true);
    }
}
