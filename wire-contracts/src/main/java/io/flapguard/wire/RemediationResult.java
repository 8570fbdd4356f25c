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
        Instant at) implements WireMessage {

    @Override
    public void validate() {
        String r = "RemediationResult";
        Check.version(r, v);
        Check.present(r, "commandId", commandId);
        Check.serial(r, serial);
        Check.present(r, "status", status);
        Check.present(r, "at", at);
        Check.range(r, "percent", percent, 0, 100);
    }
}
