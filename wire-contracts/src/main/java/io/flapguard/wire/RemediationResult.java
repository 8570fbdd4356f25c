package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Progress or the terminal result of one command, on {@link Topics#RESULTS}.
 *
 * @param step              the runbook step (identify, ensure-tool, list, check-space, update, wait-modem, confirm)
 * @param percent           flashing progress when known
 * @param reason            one line: why it failed, or what happened
 * @param installedFirmware the modem firmware the router reported last
 * @param rolloutId         the rollout the command belongs to
 * @param wave              the wave inside that rollout (0 is the canary)
 * @param attempt           which attempt of the command this result belongs to (1 is the first); absent in results
 *                          written before retries existed
 * @param failureKind       why the attempt failed (absent on progress and success); a RECOVERABLE failure with
 *                          status QUEUED means another attempt is scheduled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemediationResult(
        int v,
        String commandId,
        String serial,
        ResultStatus status,
        String step,
        Integer percent,
        String reason,
        String targetFirmware,
        String installedFirmware,
        String rolloutId,
        Integer wave,
        Instant at,
        Integer attempt,
        FailureKind failureKind) implements WireMessage {

    /** A result without attempt number and failure kind (as written before retries existed). */
    public RemediationResult(int v, String commandId, String serial, ResultStatus status, String step, Integer percent,
                             String reason, String targetFirmware, String installedFirmware, String rolloutId,
                             Integer wave, Instant at) {
        this(v, commandId, serial, status, step, percent, reason, targetFirmware, installedFirmware, rolloutId, wave,
                at, null, null);
    }

    @Override
    public void validate() {
        String r = "RemediationResult";
        Check.version(r, v);
        Check.present(r, "commandId", commandId);
        Check.serial(r, serial);
        Check.present(r, "status", status);
        Check.present(r, "at", at);
        Check.range(r, "percent", percent, 0, 100);
        Check.range(r, "attempt", attempt, 1, 1_000);
    }
}
