package io.flapguard.updater.runbook;

import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.ResultStatus;

/**
 * How a runbook run ended. Every failure names its {@link FailureKind}; {@link #forKind} is the one place where a
 * kind becomes a result status and an attention mark, so the same kind always reads the same on the wire, in
 * metrics and on the attention list.
 *
 * @param attention true when a person must look at the router (modem may be mid-flash or mute); such a router is
 *                  never retried automatically
 * @param refusal   set when the run was refused before changing anything (counted by reason)
 * @param kind      why it failed; null on success (SUCCEEDED, DRY_RUN_PASSED) and on CANCELLED
 */
public record Outcome(ResultStatus status, Step step, String reason, String installedFirmware, boolean attention,
                      RefusalReason refusal, FailureKind kind) {

    /** A success or a non-failure end (SUCCEEDED, DRY_RUN_PASSED, CANCELLED). */
    public static Outcome of(ResultStatus status, Step step, String reason, String installed) {
        return new Outcome(status, step, reason, installed, false, null, null);
    }

    /** A failure of the given kind: status and attention follow from the kind alone. */
    public static Outcome forKind(FailureKind kind, Step step, String reason, String installed) {
        return switch (kind) {
            case NOT_NEEDED -> new Outcome(ResultStatus.ALREADY_ON_TARGET, step, reason, installed, false, null, kind);
            case ABORTED, RECOVERABLE -> new Outcome(ResultStatus.FAILED, step, reason, installed, false, null, kind);
            case FAILED_AFTER_FLASH, DOWNLOAD_MODE -> new Outcome(ResultStatus.FAILED, step, reason, installed, true,
                    null, kind);
        };
    }

    /** The modem already runs the target; nothing was flashed (counts as a success). */
    public static Outcome notNeeded(Step step, String reason, String installed) {
        return forKind(FailureKind.NOT_NEEDED, step, reason, installed);
    }

    /** Stopped before anything on the router changed; retrying would end the same way. */
    public static Outcome aborted(Step step, String reason, String installed) {
        return forKind(FailureKind.ABORTED, step, reason, installed);
    }

    /** Offline, refused connection or timed out before the flash started: safe to try again later. */
    public static Outcome recoverable(Step step, String reason, String installed) {
        return forKind(FailureKind.RECOVERABLE, step, reason, installed);
    }

    /** The flash may have started and the modem did not come back on the target: a person decides. */
    public static Outcome afterFlash(Step step, String reason, String installed) {
        return forKind(FailureKind.FAILED_AFTER_FLASH, step, reason, installed);
    }

    /** The flash command ran past its limit: TIMED_OUT, for a person. */
    public static Outcome flashTimedOut(String reason, String installed) {
        return new Outcome(ResultStatus.TIMED_OUT, Step.UPDATE, reason, installed, true, null,
                FailureKind.FAILED_AFTER_FLASH);
    }

    /** The modem is in download (EDL) mode: recovery with the vendor's flasher, never another blind run. */
    public static Outcome downloadMode(Step step, String reason, String installed) {
        return forKind(FailureKind.DOWNLOAD_MODE, step, reason, installed);
    }

    /** Nothing was changed on the router because a check of the command against it failed (kind ABORTED). */
    public static Outcome refused(RefusalReason why, Step step, String reason, String installed) {
        ResultStatus status = switch (why) {
            case UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE -> ResultStatus.REFUSED_SIGNATURE;
            default -> ResultStatus.REFUSED_VALIDATION;
        };
        return new Outcome(status, step, reason, installed, false, why, FailureKind.ABORTED);
    }

    /** The router's host key was unknown or changed (kind ABORTED). */
    public static Outcome hostKeyRefused(String reason) {
        return new Outcome(ResultStatus.REFUSED_HOST_KEY, Step.CONNECT, reason, null, false, null, FailureKind.ABORTED);
    }

    /** Marks an aborted run for a person anyway (a modem that does not answer before anything was flashed). */
    public Outcome needingAttention() {
        return new Outcome(status, step, reason, installedFirmware, true, refusal, kind);
    }

    /** True when this attempt may be repeated automatically. */
    public boolean recoverable() {
        return kind == FailureKind.RECOVERABLE;
    }

    /** The same failure, final: the retry budget is spent, so it goes on the attention list. */
    public Outcome retriesExhausted(String why) {
        return new Outcome(status, step, reason + "; " + why, installedFirmware, true, refusal, kind);
    }
}
