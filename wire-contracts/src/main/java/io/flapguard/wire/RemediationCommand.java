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
 * @param keyId           which analyzer key signed the command (see {@link CommandSignature})
 * @param signature       base64 Ed25519 signature over {@link CommandSignature#canonicalBytes}; absent when unsigned
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
        Instant issuedAt,
        String keyId,
        String signature) implements WireMessage {

    /** The only shape of a command id: what {@link #idFor} produces. It can never look like another key space. */
    public static final Pattern ID_PATTERN = Pattern.compile("cmd-[0-9a-f]{32}");
    /** Key ids are keys of the updater's configuration map (no dots): short, plain. */
    public static final Pattern KEY_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{1,200}={0,2}");

    /** An unsigned command (the analyzer signs it just before publishing). */
    public RemediationCommand(int v, String commandId, String serial, Action action, String modemModel,
                              String currentFirmware, String targetFirmware, Cohort cohort, String reason,
                              double confidence, Instant issuedAt) {
        this(v, commandId, serial, action, modemModel, currentFirmware, targetFirmware, cohort, reason, confidence,
                issuedAt, null, null);
    }

    /** The same command carrying a signature. */
    public RemediationCommand signed(String newKeyId, String newSignature) {
        return new RemediationCommand(v, commandId, serial, action, modemModel, currentFirmware, targetFirmware,
                cohort, reason, confidence, issuedAt, newKeyId, newSignature);
    }

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
        Check.matches(r, "commandId", commandId, ID_PATTERN);
        Check.serial(r, serial);
        Check.present(r, "action", action);
        Check.present(r, "targetFirmware", targetFirmware);
        Check.matches(r, "targetFirmware", targetFirmware, FirmwareVersion.PATTERN);
        Check.matches(r, "currentFirmware", currentFirmware, FirmwareVersion.PATTERN);
        Check.matches(r, "modemModel", modemModel, MODEM_MODEL);
        Check.present(r, "issuedAt", issuedAt);
        Check.range(r, "confidence", confidence, 0, 1);
        Check.matches(r, "keyId", keyId, KEY_ID_PATTERN);
        Check.matches(r, "signature", signature, BASE64);
    }
}
