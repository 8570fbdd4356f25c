package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What to do to which router and why, published on {@link Topics#COMMANDS}.
 *
 * @param commandId       stable per router and target: {@link #idFor(String, String)}
 * @param currentFirmware the modem firmware the analyzer last saw
 * @param targetFirmware  the firmware to install (same module prefix)
 * @param reason          one line for people: why this router, why this target
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemediationCommand(
        int v,
        String commandId,
        String serial,
        Action action,
        String modemModel,
        String currentFirmware,
        String targetFirmware,
        Cohort cohort,
        String reason,
        double confidence,
        Instant issuedAt) implements WireMessage {

    /** Remediations FlapGuard knows how to carry out. */
    public enum Action {
        MODEM_FIRMWARE_UPDATE
    }

    private static final Pattern MODEM_MODEL = Pattern.compile("[A-Z0-9]{2,16}");

    /** The one id of "update this router's modem to this target": emitting it twice is a no-op downstream. */
    public static String idFor(String serial, String targetFirmware) {
        return "cmd-" + StableId.of("modem-firmware-update", serial, targetFirmware);
    }

    @Override
    public void validate() {
        String r = "RemediationCommand";
        Check.version(r, v);
        Check.present(r, "commandId", commandId);
        Check.serial(r, serial);
        Check.present(r, "action", action);
        Check.present(r, "targetFirmware", targetFirmware);
        Check.matches(r, "targetFirmware", targetFirmware, FirmwareVersion.PATTERN);
        Check.matches(r, "currentFirmware", currentFirmware, FirmwareVersion.PATTERN);
        Check.matches(r, "modemModel", modemModel, MODEM_MODEL);
        Check.present(r, "issuedAt", issuedAt);
        Check.range(r, "confidence", confidence, 0, 1);
    }
}
