package io.flapguard.updater.validate;

import io.flapguard.wire.FirmwareVersion;
import io.flapguard.wire.RemediationCommand;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a command before anything connects to a router: strict token patterns, the target in the
 * operator's allowlist, the target made for the same module as the firmware the command expects, and newer than it.
 */
public final class CommandValidator {
    private static final Pattern MODEM_MODEL = Pattern.compile("[A-Z0-9]{2,16}");

    private final Set<String> allowedTargets;

    public CommandValidator(Set<String> allowedTargets) {
        this.allowedTargets = Set.copyOf(allowedTargets);
    }

    public ValidatedCommand validate(RemediationCommand command) throws RefusedException {
        if (command.action() != RemediationCommand.Action.MODEM_FIRMWARE_UPDATE) {
            throw new RefusedException("unsupported action " + command.action());
        }
        if (command.commandId() == null || !RemediationCommand.ID_PATTERN.matcher(command.commandId()).matches()) {
            throw new RefusedException("command id is not of the form " + RemediationCommand.ID_PATTERN.pattern());
        }
        ShellToken serial = ShellToken.of(ShellToken.Kind.SERIAL, command.serial());
        ShellToken target = ShellToken.of(ShellToken.Kind.FIRMWARE, command.targetFirmware());
        if (!allowedTargets.contains(target.value())) {
            throw new RefusedException("target " + target + " is not in flapguard.updater.allowed-targets");
        }
        if (command.currentFirmware() == null) {
            throw new RefusedException("command names no currentFirmware; the router's firmware is compared with it");
        }
        ShellToken current = ShellToken.of(ShellToken.Kind.FIRMWARE, command.currentFirmware());
        if (!FirmwareVersion.modulePrefix(current.value()).equals(FirmwareVersion.modulePrefix(target.value()))) {
            throw new RefusedException("target " + target + " is for another module than " + current);
        }
        refuseDowngrade(current.value(), target.value());
        String model = command.modemModel();
        if (model != null && !MODEM_MODEL.matcher(model).matches()) {
            throw new RefusedException("modem model refused: " + ShellToken.printable(model));
        }
        if (model != null && !target.value().startsWith(model.length() > 4 ? model.substring(0, 4) : model)) {
            throw new RefusedException("target " + target + " is not firmware for a " + model);
        }
        return new ValidatedCommand(command, serial, target, current, model);
    }

    /** Same module, target newer than {@code current}: anything else (older, or not comparable) is refused. */
    public static void refuseDowngrade(String current, String target) throws RefusedException {
        if (current.equals(target)) {
            return;
        }
        java.util.OptionalInt order = FirmwareVersion.compare(target, current);
        if (order.isEmpty()) {
            throw new RefusedException(RefusalReason.DOWNGRADE, "cannot tell whether " + target + " is newer than "
                    + current + "; refusing what could be a downgrade");
        }
        if (order.getAsInt() < 0) {
            throw new RefusedException(RefusalReason.DOWNGRADE, "target " + target + " is older than " + current
                    + "; downgrades are refused");
        }
    }
}
